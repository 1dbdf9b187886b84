// The evaluation of the demo models on synthetic test cases, end to end through the pipeline,
// with models whose answers are known: ones that say the same for every image or voxel.
#include "inference/evaluation/RadiographEvaluation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "TestModels.h"
#include "inference/evaluation/NoduleEvaluation.h"
#include "inference/evaluation/Report.h"
#include "inference/phantoms/ChestCtPhantom.h"

namespace lumen::inference::evaluation {
namespace {

using testing::TemporaryFolder;

/// Logit 0.847 (probability 0.7) for "cardiomegaly" and "nodule", whatever the image.
ModelPackage constantClassifier(const TemporaryFolder& folder) {
  return testing::savePackage(folder.path() / "constant.pt", R"(
    def forward(self, x):
        return torch.zeros([x.size(0), 2]) + 0.8472978603872037
  )",
                              R"({
    "name": "Constant <classifier>", "version": "1", "task": "classification",
    "applies_to": {"dimensionality": "image2d"},
    "input": {"channels": 1, "size": [32, 32]},
    "output": {"labels": ["cardiomegaly", "nodule"], "activation": "sigmoid",
               "thresholds": [0.5, 0.8]}})");
}

TEST(RadiographEvaluation, AConstantModelIsNoBetterThanChance) {
  TemporaryFolder folder;
  int reported = 0;
  const RadiographEvaluation e = evaluateRadiographClassifier(constantClassifier(folder), 40, 64,
                                                              [&](int done) { reported = done; });
  EXPECT_EQ(reported, 40);
  EXPECT_EQ(e.cases, 40);
  ASSERT_EQ(e.findings.size(), 2u);
  for (const FindingEvaluation& f : e.findings) {
    EXPECT_DOUBLE_EQ(f.auc, 0.5) << f.label;  // every score tied
    EXPECT_GT(f.positiveCases, 0) << f.label;
    EXPECT_LT(f.positiveCases, 40) << f.label;
    EXPECT_EQ(f.withHeatmap, 0) << "the model makes no heatmap";
    EXPECT_TRUE(std::isnan(f.localisation()));
  }
  // 0.7 is above cardiomegaly's threshold (all called positive) and below the nodule's (none).
  EXPECT_DOUBLE_EQ(e.findings[0].atThreshold.sensitivity(), 1.0);
  EXPECT_DOUBLE_EQ(e.findings[0].atThreshold.specificity(), 0.0);
  EXPECT_DOUBLE_EQ(e.findings[1].atThreshold.sensitivity(), 0.0);
  EXPECT_DOUBLE_EQ(e.findings[1].atThreshold.specificity(), 1.0);
  EXPECT_EQ(e.findings[0].atThreshold.truePositives, e.findings[0].positiveCases);

  const std::string html = htmlReport(e);
  EXPECT_NE(html.find("Constant &lt;classifier&gt;"), std::string::npos) << "names not escaped";
  EXPECT_EQ(html.find("<classifier>"), std::string::npos);
  EXPECT_NE(html.find("<td>cardiomegaly</td>"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(textSummary(e).find("nodule"), std::string::npos);
}

TEST(RadiographEvaluation, ALabelThatIsNoPhantomFindingIsRefused) {
  TemporaryFolder folder;
  const ModelPackage model = testing::savePackage(folder.path() / "other.pt", R"(
    def forward(self, x):
        return torch.zeros([x.size(0), 1])
  )",
                                                  R"({
    "name": "Other", "version": "1", "task": "classification",
    "applies_to": {"dimensionality": "image2d"},
    "input": {"channels": 1, "size": [32, 32]},
    "output": {"labels": ["fracture"], "activation": "sigmoid"}})");
  EXPECT_THROW(evaluateRadiographClassifier(model, 2, 64), std::invalid_argument);
  EXPECT_THROW(evaluateRadiographClassifier(testing::thresholdSegmenter(folder.path(), 0), 2, 64),
               std::invalid_argument);
}

/// A segmenter that calls every voxel nodule (`everywhere`) or none, on the whole volume.
ModelPackage uniformSegmenter(const TemporaryFolder& folder, bool everywhere) {
  return testing::savePackage(folder.path() / (everywhere ? "all.pt" : "none.pt"),
                              std::string(R"(
    def forward(self, x):
        return torch.cat([torch.zeros_like(x), torch.zeros_like(x) + )") +
                                  (everywhere ? "1.0" : "-1.0") + R"(], 1)
  )",
                              R"({
    "name": "Uniform segmenter", "version": "1", "task": "segmentation",
    "applies_to": {"modalities": ["CT"], "dimensionality": "volume3d"},
    "input": {"channels": 1},
    "output": {"labels": ["background", "nodule"], "activation": "softmax"}})");
}

int nodulesInTestCases(int cases) {
  phantoms::ChestCtOptions options;
  options.minNodules = 1;
  int count = 0;
  for (int n = 0; n < cases; ++n)
    count += static_cast<int>(phantoms::chestCtNodules(kNoduleTestFirstCase + n, options).size());
  return count;
}

TEST(NoduleEvaluation, ASegmenterThatFindsNothingDetectsNothing) {
  TemporaryFolder folder;
  const NoduleEvaluation e = evaluateNoduleSegmenter(uniformSegmenter(folder, false), 2);
  EXPECT_EQ(e.cases, 2);
  EXPECT_EQ(e.nodules, nodulesInTestCases(2));
  int inBands = 0;
  for (const NoduleSizeBand& band : e.bands) {
    inBands += band.nodules;
    EXPECT_EQ(band.detected, 0);
    if (band.nodules > 0) {
      EXPECT_EQ(band.meanDice, 0.0);
    }
  }
  EXPECT_EQ(inBands, e.nodules);
  EXPECT_EQ(e.allLesions.sensitivity, 0.0);
  EXPECT_EQ(e.allLesions.falsePositivesPerScan, 0.0);
  EXPECT_EQ(e.atOneFalsePositive.sensitivity, 0.0);
}

TEST(NoduleEvaluation, ASegmenterThatMarksEverythingTouchesEveryNoduleButOutlinesNone) {
  TemporaryFolder folder;
  const NoduleEvaluation e = evaluateNoduleSegmenter(uniformSegmenter(folder, true), 1);
  EXPECT_EQ(e.nodules, nodulesInTestCases(1));
  ASSERT_GT(e.nodules, 0);
  // One lesion, the whole volume: it overlaps every nodule, so none is a false positive.
  EXPECT_EQ(e.allLesions.sensitivity, 1.0);
  EXPECT_EQ(e.allLesions.falsePositivesPerScan, 0.0);
  EXPECT_EQ(e.atOneFalsePositive.sensitivity, 1.0);
  for (const NoduleSizeBand& band : e.bands) {
    EXPECT_EQ(band.detected, band.nodules);
    if (band.nodules > 0) {
      EXPECT_GT(band.meanDice, 0.0);
      EXPECT_LT(band.meanDice, 0.75) << "the box around a nodule is mostly not nodule";
    }
  }
  const std::string html = htmlReport(e);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("6 mm and more"), std::string::npos);
  EXPECT_NE(textSummary(e).find("FP/scan"), std::string::npos);
}

TEST(NoduleEvaluation, AClassifierIsRefused) {
  TemporaryFolder folder;
  EXPECT_THROW(evaluateNoduleSegmenter(testing::brightBlockClassifier(folder.path()), 1),
               std::invalid_argument);
}

}  // namespace
}  // namespace lumen::inference::evaluation
