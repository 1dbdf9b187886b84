#pragma once

#include <string>
#include <vector>

namespace lumen::app {

/// Writes JSON in the order the caller gives keys (QJsonDocument would sort them), two-space
/// indented. Strings are UTF-8; invalid UTF-8 bytes become U+FFFD. Non-finite numbers become null.
class JsonWriter {
 public:
  void beginObject();
  void endObject();
  void beginArray();
  /// An array written on one line: for short lists of numbers.
  void beginInlineArray();
  void endArray();
  /// Names the next value inside an object.
  void key(const std::string& name);
  void value(const std::string& text);
  void value(const char* text) { value(std::string(text)); }
  void value(double number);
  void value(long long number);
  void value(int number) { value(static_cast<long long>(number)); }
  void value(std::size_t number) { value(static_cast<long long>(number)); }
  void value(bool truth);

  /// The document so far, ending with a newline once the outermost value is closed.
  const std::string& text() const { return m_text; }

 private:
  void beforeValue();
  void newline();
  void quoted(const std::string& text);

  std::string m_text;
  std::vector<bool> m_first;   // per open container: no element written yet
  std::vector<bool> m_inline;  // per open container: written on one line
  bool m_afterKey = false;
};

}  // namespace lumen::app
