#include "inference/Json.h"

#include <charconv>
#include <climits>
#include <cstddef>
#include <string_view>
#include <system_error>
#include <unordered_set>

namespace lumen::inference {

namespace {

constexpr int kMaxDepth = 256;

const char* typeName(JsonValue::Type type) {
  static const char* const kNames[] = {"null",     "a bool",   "a number",
                                       "a string", "an array", "an object"};
  return kNames[static_cast<int>(type)];
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// The length of the valid UTF-8 sequence of two to four bytes at `i`, or 0 when there is none
/// (overlong forms, encoded surrogates and code points above U+10FFFF are invalid).
std::size_t utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) -> unsigned {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : 0U;
  };
  const unsigned lead = byte(i);
  std::size_t length = 0;
  unsigned low = 0x80;
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : low;
    high = lead == 0xED ? 0x9F : high;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : low;
    high = lead == 0xF4 ? 0x8F : high;
  } else {
    return 0;
  }
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0U) != 0x80U) return 0;
  }
  return length;
}

void appendUtf8(std::string& out, unsigned codePoint) {
  const int continuations = codePoint < 0x80      ? 0
                            : codePoint < 0x800   ? 1
                            : codePoint < 0x10000 ? 2
                                                  : 3;
  static const unsigned kLead[] = {0x00, 0xC0, 0xE0, 0xF0};
  out.push_back(static_cast<char>(kLead[continuations] | (codePoint >> (6 * continuations))));
  for (int k = continuations - 1; k >= 0; --k) {
    out.push_back(static_cast<char>(0x80 | ((codePoint >> (6 * k)) & 0x3F)));
  }
}

/// A recursive-descent parser over one document; positions are byte offsets into it.
class Parser {
 public:
  explicit Parser(std::string_view text) : m_text(text) {}

  JsonValue parseDocument() {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") fail(0, "a byte order mark is not allowed");
    JsonValue value = parseValue();
    skipWhitespace();
    if (m_pos != m_text.size()) fail(m_pos, "unexpected " + describeAt(m_pos) + " after the value");
    return value;
  }

 private:
  [[noreturn]] void fail(std::size_t pos, const std::string& message) const {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < pos && i < m_text.size(); ++i) {
      if (m_text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(m_text[i]) & 0xC0U) != 0x80U) {
        ++column;  // continuation bytes do not start a character
      }
    }
    throw JsonError("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                    message);
  }

  std::string describeAt(std::size_t pos) const {
    if (pos >= m_text.size()) return "end of input";
    const unsigned char c = static_cast<unsigned char>(m_text[pos]);
    if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    static const char* const kHex = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 0xF];
  }

  /// The byte at the current position, or '\0' at the end (the text may hold real NULs too).
  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
  bool atEnd() const { return m_pos >= m_text.size(); }

  void skipWhitespace() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++m_pos;
  }

  /// Skips whitespace, then steps over `wanted` if it comes next.
  bool consume(char wanted) {
    skipWhitespace();
    if (peek() != wanted) return false;
    ++m_pos;
    return true;
  }

  void expectChar(char wanted, const char* what) {
    if (!consume(wanted)) {
      fail(m_pos, std::string("expected ") + what + ", found " + describeAt(m_pos));
    }
  }

  /// Skips whitespace, then parses one value.
  JsonValue parseValue() {
    skipWhitespace();
    const char c = peek();
    if (c == '{') return parseObject();
    if (c == '[') return parseArray();
    if (c == '"') return JsonValue::makeString(parseString());
    if (c == '-' || isDigit(c)) return JsonValue::makeNumber(parseNumber());
    if (c == 't') return parseLiteral("true", JsonValue::makeBool(true));
    if (c == 'f') return parseLiteral("false", JsonValue::makeBool(false));
    if (c == 'n') return parseLiteral("null", JsonValue());
    fail(m_pos, "expected a value, found " + describeAt(m_pos));
  }

  JsonValue parseLiteral(std::string_view word, JsonValue value) {
    if (m_text.substr(m_pos, word.size()) != word) {
      fail(m_pos, "invalid literal; expected '" + std::string(word) + "'");
    }
    m_pos += word.size();
    return value;
  }

  void enter() {
    if (++m_depth > kMaxDepth) {
      fail(m_pos, "nesting deeper than " + std::to_string(kMaxDepth) + " arrays or objects");
    }
  }

  JsonValue parseArray() {
    enter();
    ++m_pos;  // '['
    std::vector<JsonValue> elements;
    if (!consume(']')) {
      do {
        elements.push_back(parseValue());
      } while (consume(','));
      expectChar(']', "',' or ']'");
    }
    --m_depth;
    return JsonValue::makeArray(std::move(elements));
  }

  JsonValue parseObject() {
    enter();
    ++m_pos;  // '{'
    std::vector<JsonValue::Member> members;
    std::unordered_set<std::string> keys;
    if (!consume('}')) {
      do {
        skipWhitespace();
        const std::size_t keyPos = m_pos;
        if (peek() != '"') fail(m_pos, "expected a string key, found " + describeAt(m_pos));
        std::string key = parseString();
        if (!keys.insert(key).second) fail(keyPos, "duplicate key \"" + key + "\"");
        expectChar(':', "':'");
        members.emplace_back(std::move(key), parseValue());
      } while (consume(','));
      expectChar('}', "',' or '}'");
    }
    --m_depth;
    return JsonValue::makeObject(std::move(members));
  }

  unsigned parseHex4() {
    unsigned value = 0;
    for (int i = 0; i < 4; ++i, ++m_pos) {
      const std::size_t digit = std::string_view("0123456789abcdefABCDEF").find(peek());
      if (digit == std::string_view::npos) {
        fail(m_pos, "expected a hex digit in \\u escape, found " + describeAt(m_pos));
      }
      value = value * 16 + static_cast<unsigned>(digit < 16 ? digit : digit - 6);
    }
    return value;
  }

  void parseEscape(std::string& out) {
    const std::size_t start = m_pos;  // at the backslash
    ++m_pos;
    const char c = peek();
    ++m_pos;
    static constexpr std::string_view kEscapes = "\"\\/bfnrt";
    static constexpr std::string_view kMeanings = "\"\\/\b\f\n\r\t";
    if (const std::size_t k = kEscapes.find(c); k != std::string_view::npos) {
      out.push_back(kMeanings[k]);
      return;
    }
    if (c != 'u') fail(start, "invalid escape sequence");
    unsigned codePoint = parseHex4();
    if (codePoint >= 0xDC00 && codePoint <= 0xDFFF) fail(start, "lone low surrogate");
    if (codePoint >= 0xD800 && codePoint <= 0xDBFF) {
      if (m_text.substr(m_pos, 2) != "\\u") fail(start, "high surrogate without a low surrogate");
      m_pos += 2;
      const unsigned low = parseHex4();
      if (low < 0xDC00 || low > 0xDFFF) fail(start, "high surrogate without a low surrogate");
      codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, codePoint);
  }

  std::string parseString() {
    const std::size_t start = m_pos;
    ++m_pos;  // opening quote
    std::string out;
    for (;;) {
      if (atEnd()) fail(start, "unterminated string");
      const unsigned char c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++m_pos;
        return out;
      }
      if (c == '\\') {
        parseEscape(out);
      } else if (c < 0x20) {
        fail(m_pos, "control character in a string must be escaped");
      } else if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        ++m_pos;
      } else {
        const std::size_t length = utf8SequenceLength(m_text, m_pos);
        if (length == 0) fail(m_pos, "invalid UTF-8");
        out.append(m_text.substr(m_pos, length));
        m_pos += length;
      }
    }
  }

  /// Steps over one or more digits; `where` completes the message when there is none.
  void expectDigits(const char* where) {
    if (!isDigit(peek())) {
      fail(m_pos, std::string("expected a digit") + where + ", found " + describeAt(m_pos));
    }
    while (isDigit(peek())) ++m_pos;
  }

  double parseNumber() {
    const std::size_t start = m_pos;
    if (peek() == '-') ++m_pos;
    const std::size_t integer = m_pos;
    expectDigits("");
    if (m_text[integer] == '0' && m_pos - integer > 1) fail(start, "leading zeros are not allowed");
    if (peek() == '.') {
      ++m_pos;
      expectDigits(" after the decimal point");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++m_pos;
      if (peek() == '+' || peek() == '-') ++m_pos;
      expectDigits(" in the exponent");
    }
    // std::from_chars ignores the locale, unlike strtod; the grammar was checked above.
    double value = 0.0;
    const char* last = m_text.data() + m_pos;
    const auto [end, error] = std::from_chars(m_text.data() + start, last, value);
    if (error != std::errc() || end != last) fail(start, "number out of the range of a double");
    return value;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  int m_depth = 0;
};

}  // namespace

JsonValue::JsonValue() = default;

JsonValue::JsonValue(Type type) : m_type(type) {}

JsonValue JsonValue::makeBool(bool value) {
  JsonValue v(Type::Bool);
  v.m_bool = value;
  return v;
}

JsonValue JsonValue::makeNumber(double value) {
  JsonValue v(Type::Number);
  v.m_number = value;
  return v;
}

JsonValue JsonValue::makeString(std::string value) {
  JsonValue v(Type::String);
  v.m_string = std::move(value);
  return v;
}

JsonValue JsonValue::makeArray(std::vector<JsonValue> elements) {
  JsonValue v(Type::Array);
  v.m_array = std::move(elements);
  return v;
}

JsonValue JsonValue::makeObject(std::vector<Member> members) {
  std::unordered_set<std::string_view> keys;
  for (const Member& member : members) {
    if (!keys.insert(member.first).second) {
      throw JsonError("duplicate key \"" + member.first + "\"");
    }
  }
  JsonValue v(Type::Object);
  v.m_object = std::move(members);
  return v;
}

void JsonValue::expect(Type wanted) const {
  if (m_type != wanted) {
    throw JsonError(std::string("expected ") + typeName(wanted) + ", found " + typeName(m_type));
  }
}

bool JsonValue::asBool() const {
  expect(Type::Bool);
  return m_bool;
}

double JsonValue::asNumber() const {
  expect(Type::Number);
  return m_number;
}

int JsonValue::asInt() const {
  const double value = asNumber();
  // Range first: casting a double outside int's range is undefined.
  if (!(value >= static_cast<double>(INT_MIN) && value <= static_cast<double>(INT_MAX)) ||
      static_cast<double>(static_cast<int>(value)) != value) {
    char text[32] = {};
    std::to_chars(text, text + sizeof(text) - 1, value);
    throw JsonError(std::string("expected an integer within int range, found ") + text);
  }
  return static_cast<int>(value);
}

const std::string& JsonValue::asString() const {
  expect(Type::String);
  return m_string;
}

const std::vector<JsonValue>& JsonValue::asArray() const {
  expect(Type::Array);
  return m_array;
}

const std::vector<JsonValue::Member>& JsonValue::asObject() const {
  expect(Type::Object);
  return m_object;
}

const JsonValue* JsonValue::find(const std::string& key) const {
  for (const Member& member : asObject()) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

JsonValue parseJson(const std::string& text) { return Parser(text).parseDocument(); }

}  // namespace lumen::inference
