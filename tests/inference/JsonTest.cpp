#include "inference/Json.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace lumen::inference {
namespace {

/// The message of the JsonError that parsing `text` throws, or "" when it parses.
std::string parseError(const std::string& text) {
  try {
    parseJson(text);
  } catch (const JsonError& error) {
    return error.what();
  }
  return "";
}

TEST(Json, DefaultValueIsNull) {
  const JsonValue value;
  EXPECT_TRUE(value.isNull());
  EXPECT_EQ(value.type(), JsonValue::Type::Null);
}

TEST(Json, ParsesEachTypeOfValue) {
  EXPECT_TRUE(parseJson("null").isNull());
  EXPECT_TRUE(parseJson("true").asBool());
  EXPECT_FALSE(parseJson(" false ").asBool());
  EXPECT_EQ(parseJson("\"abc\"").asString(), "abc");
  EXPECT_TRUE(parseJson("[]").asArray().empty());
  EXPECT_TRUE(parseJson("{}").asObject().empty());
  EXPECT_EQ(parseJson("\t\r\n 7 \n").type(), JsonValue::Type::Number);
  EXPECT_EQ(parseJson("[]").type(), JsonValue::Type::Array);
  EXPECT_EQ(parseJson("{}").type(), JsonValue::Type::Object);
  EXPECT_EQ(parseJson("true").type(), JsonValue::Type::Bool);
  EXPECT_EQ(parseJson("\"\"").type(), JsonValue::Type::String);
}

TEST(Json, ParsesNumbersPerTheGrammar) {
  EXPECT_EQ(parseJson("0").asNumber(), 0.0);
  EXPECT_EQ(parseJson("-0").asNumber(), 0.0);
  EXPECT_EQ(parseJson("-3").asNumber(), -3.0);
  EXPECT_EQ(parseJson("12.5e-1").asNumber(), 1.25);
  EXPECT_EQ(parseJson("1E2").asNumber(), 100.0);
  EXPECT_EQ(parseJson("1e+2").asNumber(), 100.0);
  EXPECT_EQ(parseJson("0.1").asNumber(), 0.1);
  EXPECT_EQ(parseJson("-0.000123").asNumber(), -0.000123);
  EXPECT_EQ(parseJson("1.7976931348623157e308").asNumber(), 1.7976931348623157e308);
  EXPECT_NE(parseError("1e400").find("out of the range"), std::string::npos);
  EXPECT_NE(parseError("-1e-400").find("out of the range"), std::string::npos);  // underflow
}

TEST(Json, ParsesNestedStructures) {
  const JsonValue doc = parseJson(R"({"a": [1, {"b": [true, null]}], "c": {"d": {}}})");
  const std::vector<JsonValue>& a = doc.find("a")->asArray();
  ASSERT_EQ(a.size(), 2U);
  EXPECT_EQ(a[0].asInt(), 1);
  const std::vector<JsonValue>& b = a[1].find("b")->asArray();
  ASSERT_EQ(b.size(), 2U);
  EXPECT_TRUE(b[0].asBool());
  EXPECT_TRUE(b[1].isNull());
  EXPECT_TRUE(doc.find("c")->find("d")->asObject().empty());
  EXPECT_EQ(doc.find("missing"), nullptr);
}

TEST(Json, DecodesEscapesToUtf8) {
  EXPECT_EQ(parseJson(R"("\"\\\/\b\f\n\r\t")").asString(), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(parseJson(R"("\u0041\u00e9\u20AC")").asString(), "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(parseJson(R"("\uD83D\uDE00")").asString(), "\xF0\x9F\x98\x80");  // U+1F600
  EXPECT_EQ(parseJson(R"("\uDBFF\uDFFF")").asString(), "\xF4\x8F\xBF\xBF");  // U+10FFFF
  EXPECT_EQ(parseJson(R"("a\u0000b")").asString(), std::string("a\0b", 3));
  // Raw UTF-8 passes through unchanged.
  EXPECT_EQ(parseJson("\"\xC3\xA9\xF0\x9F\x98\x80\"").asString(), "\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(Json, ObjectsKeepDocumentOrder) {
  const JsonValue doc = parseJson(R"({"z": 1, "a": 2, "m": 3})");
  const std::vector<JsonValue::Member>& members = doc.asObject();
  ASSERT_EQ(members.size(), 3U);
  EXPECT_EQ(members[0].first, "z");
  EXPECT_EQ(members[1].first, "a");
  EXPECT_EQ(members[2].first, "m");
  EXPECT_EQ(members[2].second.asInt(), 3);
  EXPECT_EQ(doc.find("a")->asInt(), 2);
}

TEST(Json, RefusesMalformedDocuments) {
  const std::vector<std::string> malformed = {
      "", "   ", "[", "{", "]", "[1,]", "[,1]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{\"a\"}",
      "{a:1}", "{'a':1}", "{1:1}", "\"abc", "tru", "nul", "fals", "True", "NULL",
      // numbers
      "01", "-01", "00", "-", "1.", ".5", "+1", "1e", "1e+", "1.e3", "NaN", "Infinity", "-Infinity",
      "0x10", "1_000",
      // strings
      R"("\x")", R"("\u12")", R"("\u00G0")", R"("\U0041")", "\"\\", "'a'", "\"a\tb\"", "\"a\nb\"",
      std::string("\"a\0b\"", 5), "\"\x1F\"",
      // surrogates
      R"("\uD800")", R"("\uDC00")", R"("\uD800\u0041")", R"("\uD800x")", R"("\uDE00\uD83D")",
      // invalid UTF-8: truncated, stray continuation, overlong, encoded surrogate, above U+10FFFF
      "\"\xC3\"", "\"\x80\"", "\"\xC0\xAF\"", "\"\xE0\x80\xAF\"", "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"", "\"\xFF\"",
      // trailing garbage, comments, BOM
      "1 2", "[] x", "{}}", "null,", std::string("[1]\0", 4), "// c\n{}", "{} // c",
      "\xEF\xBB\xBF{}", "\xC3\xA9"};
  for (const std::string& text : malformed) {
    const std::string message = parseError(text);
    EXPECT_EQ(message.rfind("line ", 0), 0U) << "input: " << text << "\nmessage: " << message;
  }
}

TEST(Json, ErrorsSayWhatIsWrong) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "expected a value, found end of input"},
      {"[1 2]", "expected ',' or ']', found '2'"},
      {"{\"a\" 1}", "expected ':', found '1'"},
      {"{\"a\":1,}", "expected a string key, found '}'"},
      {"tru", "invalid literal; expected 'true'"},
      {"012", "leading zeros are not allowed"},
      {"1.e3", "expected a digit after the decimal point, found 'e'"},
      {"1e", "expected a digit in the exponent, found end of input"},
      {"NaN", "expected a value, found 'N'"},
      {"\"abc", "unterminated string"},
      {R"("\q")", "invalid escape sequence"},
      {R"("\u12x4")", "expected a hex digit in \\u escape, found 'x'"},
      {R"("\uDC00")", "lone low surrogate"},
      {R"("\uD800")", "high surrogate without a low surrogate"},
      {"\"a\tb\"", "control character in a string must be escaped"},
      {"\"\xED\xA0\x80\"", "invalid UTF-8"},
      {"[] x", "unexpected 'x' after the value"},
      {std::string("1\0", 2), "unexpected byte 0x00 after the value"},
      {"\xEF\xBB\xBF{}", "a byte order mark is not allowed"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string message = parseError(text);
    EXPECT_NE(message.find(expected), std::string::npos)
        << "input: " << text << "\nmessage: " << message;
  }
}

TEST(Json, ErrorsSayLineAndColumn) {
  const std::string message = parseError("{\n  \"a\": [1,\n    2,,\n  ]\n}");
  EXPECT_EQ(message.rfind("line 3, column 7: ", 0), 0U) << message;
  // Columns count characters: 'é' is two bytes but one column.
  const std::string utf8 = parseError("[\"\xC3\xA9\", x]");
  EXPECT_EQ(utf8.rfind("line 1, column 7: ", 0), 0U) << utf8;
  EXPECT_NE(utf8.find("'x'"), std::string::npos) << utf8;
  EXPECT_EQ(parseError("\xEF\xBB\xBF{}").rfind("line 1, column 1: ", 0), 0U);
}

TEST(Json, RefusesDuplicateKeys) {
  const std::string message = parseError(R"({"a": 1, "b": {"a": 2}, "a": 3})");
  EXPECT_EQ(message.rfind("line 1, column 25: ", 0), 0U) << message;
  EXPECT_NE(message.find("duplicate key \"a\""), std::string::npos) << message;
  // The same key in different objects is fine.
  EXPECT_NO_THROW(parseJson(R"({"a": {"a": {"a": 1}}})"));
  std::vector<JsonValue::Member> members;
  members.emplace_back("k", JsonValue());
  members.emplace_back("k", JsonValue());
  EXPECT_THROW(JsonValue::makeObject(members), JsonError);
}

TEST(Json, LimitsNestingDepth) {
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  EXPECT_NO_THROW(parseJson(nested(256)));
  EXPECT_NE(parseError(nested(257)).find("nesting deeper than 256"), std::string::npos);
  std::string objects;
  for (int i = 0; i < 257; ++i) objects += "{\"a\":";
  objects += "1" + std::string(257, '}');
  EXPECT_NE(parseError(objects).find("nesting deeper than 256"), std::string::npos);
  // Deep enough to exhaust the stack without the limit.
  EXPECT_NE(parseError(std::string(1000000, '[')).find("nesting"), std::string::npos);
}

TEST(Json, AccessorsNameTheTypeFound) {
  const auto typeError = [](const auto& access) -> std::string {
    try {
      access();
    } catch (const JsonError& error) {
      return error.what();
    }
    return "";
  };
  EXPECT_EQ(typeError([] { parseJson("\"x\"").asNumber(); }), "expected a number, found a string");
  EXPECT_EQ(typeError([] { parseJson("null").asBool(); }), "expected a bool, found null");
  EXPECT_EQ(typeError([] { parseJson("{}").asArray(); }), "expected an array, found an object");
  EXPECT_EQ(typeError([] { parseJson("[]").asObject(); }), "expected an object, found an array");
  EXPECT_EQ(typeError([] { parseJson("1").asString(); }), "expected a string, found a number");
  EXPECT_EQ(typeError([] { parseJson("true").asInt(); }), "expected a number, found a bool");
}

TEST(Json, AsIntWantsAnIntegerWithinIntRange) {
  EXPECT_EQ(parseJson("42").asInt(), 42);
  EXPECT_EQ(parseJson("-7").asInt(), -7);
  EXPECT_EQ(parseJson("1e2").asInt(), 100);
  EXPECT_EQ(parseJson("2.0").asInt(), 2);
  EXPECT_EQ(parseJson("2147483647").asInt(), 2147483647);
  EXPECT_EQ(parseJson("-2147483648").asInt(), -2147483647 - 1);
  EXPECT_THROW(parseJson("1.5").asInt(), JsonError);
  EXPECT_THROW(parseJson("1e10").asInt(), JsonError);
  EXPECT_THROW(parseJson("2147483648").asInt(), JsonError);
  EXPECT_THROW(parseJson("-2147483649").asInt(), JsonError);
  try {
    parseJson("1.5").asInt();
  } catch (const JsonError& error) {
    EXPECT_STREQ(error.what(), "expected an integer within int range, found 1.5");
  }
}

TEST(Json, FindNeedsAnObject) {
  EXPECT_THROW(parseJson("[1]").find("a"), JsonError);
  EXPECT_THROW(parseJson("null").find("a"), JsonError);
  EXPECT_THROW(JsonValue().find("a"), JsonError);
  EXPECT_EQ(parseJson(R"({"a": 1})").find("b"), nullptr);
  ASSERT_NE(parseJson(R"({"a": "v"})").find("a"), nullptr);
}

}  // namespace
}  // namespace lumen::inference
