// Case folding for the study database's search: what folds and what is kept.
#include "core/CaseFold.h"

#include <gtest/gtest.h>

namespace lumen::core {
namespace {

TEST(CaseFold, LowerCasesLatinGreekAndCyrillic) {
  EXPECT_EQ(foldCaseUtf8("MÜLLER^Jürgen ÀÉÎÕØÞ"), "müller^jürgen àéîõøþ");
  EXPECT_EQ(foldCaseUtf8("ŁÓDŹ ŻÓŁW ČEŠKÝ ŐRSÉG Ÿ"), "łódź żółw češký őrség ÿ");
  EXPECT_EQ(foldCaseUtf8("ΣΟΦΊΑ ΌΨΗ"), "σοφία όψη");
  EXPECT_EQ(foldCaseUtf8("ИВАНОВ ЁЛКА"), "иванов ёлка");
  EXPECT_EQ(foldCaseUtf8("山田^太郎 ß × 123"), "山田^太郎 ß × 123");
  EXPECT_EQ(foldCaseUtf8(std::string("A\xC3\xFF\x80Z")), std::string("a\xC3\xFF\x80z"));
}

TEST(CaseFold, KeepsWhatItDoesNotFold) {
  EXPECT_EQ(foldCaseUtf8(""), "");
  EXPECT_EQ(foldCaseUtf8("İ ẞ Ǆ Ａ"), "İ ẞ Ǆ Ａ");  // no locale, one-to-many or wide forms
  EXPECT_EQ(foldCaseUtf8("u\u0308"), "u\u0308");    // decomposed ü stays decomposed
}

}  // namespace
}  // namespace lumen::core
