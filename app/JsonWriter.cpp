#include "JsonWriter.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace lumen::app {
namespace {

/// Length of the valid UTF-8 sequence starting at `at`, or 0.
std::size_t utf8Length(const std::string& text, std::size_t at) {
  const auto byte = [&](std::size_t n) { return static_cast<unsigned char>(text[n]); };
  const unsigned char lead = byte(at);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (std::size_t n = 1; n < length; ++n) {
    if ((byte(at + n) & 0xC0) != 0x80) return 0;
  }
  if (length == 2 && lead < 0xC2) return 0;  // overlong
  return length;
}

}  // namespace

void JsonWriter::newline() {
  m_text += '\n';
  m_text.append(2 * m_first.size(), ' ');
}

void JsonWriter::beforeValue() {
  if (m_afterKey) {
    m_afterKey = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) m_text += m_inline.back() ? ", " : ",";
    if (!m_inline.back()) newline();
    m_first.back() = false;
  }
}

void JsonWriter::beginObject() {
  beforeValue();
  m_text += '{';
  m_first.push_back(true);
  m_inline.push_back(false);
}

void JsonWriter::endObject() {
  const bool empty = m_first.back();
  m_first.pop_back();
  m_inline.pop_back();
  if (!empty) newline();
  m_text += '}';
  if (m_first.empty()) m_text += '\n';
}

void JsonWriter::beginArray() {
  beforeValue();
  m_text += '[';
  m_first.push_back(true);
  m_inline.push_back(false);
}

void JsonWriter::beginInlineArray() {
  beginArray();
  m_inline.back() = true;
}

void JsonWriter::endArray() {
  const bool empty = m_first.back();
  const bool oneLine = m_inline.back();
  m_first.pop_back();
  m_inline.pop_back();
  if (!empty && !oneLine) newline();
  m_text += ']';
  if (m_first.empty()) m_text += '\n';
}

void JsonWriter::key(const std::string& name) {
  beforeValue();
  quoted(name);
  m_text += ": ";
  m_afterKey = true;
}

void JsonWriter::value(const std::string& text) {
  beforeValue();
  quoted(text);
}

void JsonWriter::value(double number) {
  beforeValue();
  if (!std::isfinite(number)) {
    m_text += "null";
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  m_text.append(buffer, result.ptr);
}

void JsonWriter::value(long long number) {
  beforeValue();
  m_text += std::to_string(number);
}

void JsonWriter::value(bool truth) {
  beforeValue();
  m_text += truth ? "true" : "false";
}

void JsonWriter::quoted(const std::string& text) {
  m_text += '"';
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8Length(text, at);
    if (length == 0) {
      m_text += "\xEF\xBF\xBD";
      ++at;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (length == 1 && (c < 0x20 || c == '"' || c == '\\')) {
      char escaped[8];
      switch (c) {
        case '"':
          m_text += "\\\"";
          break;
        case '\\':
          m_text += "\\\\";
          break;
        case '\n':
          m_text += "\\n";
          break;
        case '\t':
          m_text += "\\t";
          break;
        default:
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          m_text += escaped;
      }
    } else {
      m_text.append(text, at, length);
    }
    at += length;
  }
  m_text += '"';
}

}  // namespace lumen::app
