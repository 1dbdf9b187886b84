#pragma once

// Evaluates a chest radiograph classifier on synthetic test radiographs whose truth is known,
// through Lumen's own pipeline (the image at full size, resampled as the manifest says).
// Standard headers only: the app calls it next to Qt.

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "inference/ModelPackage.h"
#include "inference/evaluation/Metrics.h"

namespace lumen::inference::evaluation {

/// Seeds of the radiograph test cases: never used to train or validate (see RadiographTraining).
inline constexpr std::uint64_t kRadiographTestFirstCase = 9'000'000;

/// How one finding did.
struct FindingEvaluation {
  std::string label;
  double auc = 0.0;
  OperatingPoint atThreshold;  ///< at the manifest's operating threshold
  std::vector<RocPoint> roc;
  int positiveCases = 0;
  int withHeatmap = 0;  ///< positive cases that got a heatmap
  /// Positive cases whose heatmap's maximum lies inside the finding's mask.
  int localised = 0;
  /// localised / withHeatmap; NaN when no positive case got a heatmap.
  double localisation() const {
    return withHeatmap > 0 ? double(localised) / withHeatmap
                           : std::numeric_limits<double>::quiet_NaN();
  }
};

struct RadiographEvaluation {
  std::string modelName;
  std::string modelVersion;
  std::string modelSha256;
  int cases = 0;
  int imageSize = 0;  ///< pixels of the test radiographs (square)
  double pixelSpacingMm = 0;
  std::vector<FindingEvaluation> findings;
  double seconds = 0.0;  ///< wall time of the whole evaluation
};

/// Runs `model` (a classifier whose labels are phantom findings, see
/// phantoms::findingLabel) on `cases` test radiographs of `imageSize` pixels, heatmaps on, on the
/// CPU. `progress` is called after each case with the count done. Throws InferenceError or
/// ModelPackageError naming the model when it cannot run, std::invalid_argument when it is not a
/// 2D classifier or a label is not a phantom finding.
RadiographEvaluation evaluateRadiographClassifier(
    const ModelPackage& model, int cases, int imageSize = 2048,
    const std::function<void(int done)>& progress = {});

}  // namespace lumen::inference::evaluation
