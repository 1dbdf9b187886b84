// The evaluation of a radiograph classifier on synthetic test cases, end to end through the
// pipeline, with a model whose scores are known: one that says the same for every image.
#include "inference/evaluation/RadiographEvaluation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "TestModels.h"
#include "inference/evaluation/Report.h"

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

}  // namespace
}  // namespace lumen::inference::evaluation
