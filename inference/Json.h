#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lumen::inference {

/// A malformed document or a value of the wrong type; the message says where ("line 3, column
/// 14: ...") or which key.
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One JSON value. Objects keep their members in document order; a duplicate key is a parse
/// error. A plain value: copyable, movable, and safe to read from several threads at once.
class JsonValue {
 public:
  /// The six kinds of JSON value.
  enum class Type { Null, Bool, Number, String, Array, Object };
  /// An object's member: its key and its value.
  using Member = std::pair<std::string, JsonValue>;

  /// The null value.
  JsonValue();

  /// A boolean value.
  static JsonValue makeBool(bool value);
  /// A number value.
  static JsonValue makeNumber(double value);
  /// A string value (UTF-8).
  static JsonValue makeString(std::string value);
  /// An array value.
  static JsonValue makeArray(std::vector<JsonValue> elements);
  /// An object value whose members keep the given order. Throws JsonError on a duplicate key.
  static JsonValue makeObject(std::vector<Member> members);

  /// Which kind of value this is.
  Type type() const { return m_type; }
  /// Whether this is null.
  bool isNull() const { return m_type == Type::Null; }
  /// Whether this is true or false.
  bool isBool() const { return m_type == Type::Bool; }
  /// Whether this is a number.
  bool isNumber() const { return m_type == Type::Number; }
  /// Whether this is a string.
  bool isString() const { return m_type == Type::String; }
  /// Whether this is an array.
  bool isArray() const { return m_type == Type::Array; }
  /// Whether this is an object.
  bool isObject() const { return m_type == Type::Object; }

  /// The value as that type; throws JsonError naming the type found otherwise.
  bool asBool() const;
  /// The value as that type; throws JsonError naming the type found otherwise.
  double asNumber() const;
  /// asNumber() that must be an integer within int range; throws JsonError otherwise.
  int asInt() const;
  /// The value as that type (UTF-8); throws JsonError naming the type found otherwise.
  const std::string& asString() const;
  /// The value as that type; throws JsonError naming the type found otherwise.
  const std::vector<JsonValue>& asArray() const;
  /// The members in document order; throws JsonError naming the type found otherwise.
  const std::vector<Member>& asObject() const;

  /// The member `key` of an object, or nullptr when absent (throws JsonError when this is not an
  /// object). The pointer lives as long as this value is neither changed nor destroyed.
  const JsonValue* find(const std::string& key) const;

 private:
  explicit JsonValue(Type type);
  void expect(Type wanted) const;

  Type m_type = Type::Null;
  bool m_bool = false;
  double m_number = 0.0;
  std::string m_string;
  std::vector<JsonValue> m_array;
  std::vector<Member> m_object;
};

/// Parses a whole document (UTF-8; a BOM is refused; trailing garbage is an error; nesting deeper
/// than 256 arrays or objects is refused). Throws JsonError whose message starts with
/// "line L, column C: " (1-based; columns count characters, not bytes). Safe to call from any
/// thread.
JsonValue parseJson(const std::string& text);

}  // namespace lumen::inference
