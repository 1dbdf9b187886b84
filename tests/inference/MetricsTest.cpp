// Evaluation metrics against values worked out by hand.
#include "inference/evaluation/Metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace lumen::inference::evaluation {
namespace {

BinaryScores cases(std::initializer_list<std::pair<double, bool>> list) {
  BinaryScores out;
  for (const auto& [score, positive] : list) out.add(score, positive);
  return out;
}

TEST(Metrics, AreaUnderRocIsTheChanceAPositiveOutscoresANegative) {
  // Pairs (positive, negative): 0.9>0.8, 0.9>0.6, 0.7<0.8, 0.7>0.6: 3 of 4.
  EXPECT_DOUBLE_EQ(areaUnderRoc(cases({{0.9, true}, {0.8, false}, {0.7, true}, {0.6, false}})),
                   0.75);
  EXPECT_DOUBLE_EQ(areaUnderRoc(cases({{0.9, true}, {0.1, false}})), 1.0);
  EXPECT_DOUBLE_EQ(areaUnderRoc(cases({{0.1, true}, {0.9, false}})), 0.0);
  // A tie counts half.
  EXPECT_DOUBLE_EQ(areaUnderRoc(cases({{0.5, true}, {0.5, false}})), 0.5);
  EXPECT_TRUE(std::isnan(areaUnderRoc(cases({{0.5, true}, {0.7, true}}))));
}

TEST(Metrics, TheRocCurveStepsOncePerDistinctScore) {
  const auto curve = rocCurve(cases({{0.9, true}, {0.9, false}, {0.4, true}, {0.2, false}}));
  ASSERT_EQ(curve.size(), 4u);  // (0,0), the tie at 0.9, 0.4, 0.2
  EXPECT_DOUBLE_EQ(curve[1].truePositiveRate, 0.5);
  EXPECT_DOUBLE_EQ(curve[1].falsePositiveRate, 0.5);
  EXPECT_DOUBLE_EQ(curve[2].truePositiveRate, 1.0);
  EXPECT_DOUBLE_EQ(curve[3].falsePositiveRate, 1.0);
}

TEST(Metrics, TheOperatingPointCountsAndRates) {
  const BinaryScores c =
      cases({{0.9, true}, {0.8, false}, {0.7, true}, {0.3, true}, {0.2, false}, {0.1, false}});
  const OperatingPoint p = operatingPoint(c, 0.5);
  EXPECT_EQ(p.truePositives, 2);
  EXPECT_EQ(p.falsePositives, 1);
  EXPECT_EQ(p.trueNegatives, 2);
  EXPECT_EQ(p.falseNegatives, 1);
  EXPECT_DOUBLE_EQ(p.accuracy(), 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(p.sensitivity(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(p.specificity(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(p.precision(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(p.f1(), 2.0 / 3.0);
}

TEST(Metrics, YoudensThresholdSeparatesBetweenTheScores) {
  // Perfectly separable: anything in (0.4, 0.6] works; halfway is 0.5.
  EXPECT_DOUBLE_EQ(youdenThreshold(cases({{0.8, true}, {0.6, true}, {0.4, false}, {0.1, false}})),
                   0.5);
  EXPECT_DOUBLE_EQ(youdenThreshold(cases({{0.8, true}, {0.6, true}})), 0.5);
  // Best to call every case positive: the lowest score is the threshold.
  EXPECT_DOUBLE_EQ(youdenThreshold(cases({{-2.0, true}, {-2.0, false}, {-3.0, true}})), -3.0);
}

TEST(Metrics, AScoreThatIsNotANumberIsRefused) {
  EXPECT_THROW(rocCurve(cases({{std::nan(""), true}, {0.2, false}})), std::invalid_argument);
}

}  // namespace
}  // namespace lumen::inference::evaluation
