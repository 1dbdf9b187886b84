#pragma once

// Evaluates a lung nodule segmenter on whole synthetic chest CTs whose nodules are known,
// through Lumen's own pipeline (the sliding window the app runs). Standard headers only.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "inference/ModelPackage.h"

namespace lumen::inference::evaluation {

/// Seeds of the CT test cases: never used to train (see NoduleTraining).
inline constexpr std::uint64_t kNoduleTestFirstCase = 9'000'000;

/// The nodules of one size band and how well they were outlined.
struct NoduleSizeBand {
  double fromMm = 0.0;  ///< nominal diameter, from (inclusive) ...
  double toMm = 0.0;    ///< ... to (exclusive)
  int nodules = 0;
  /// Mean Dice of the segmentation around each nodule (in a box of its diameter plus 5 mm on
  /// every side, against its own region of the nodule mask; voxels of a neighbouring nodule
  /// count neither way), 0 for a missed nodule; NaN when none.
  double meanDice = 0.0;
  int detected = 0;  ///< nodules touched by a lesion the model found
};

/// How the lesions found compare with the nodules at one minimum lesion volume.
struct DetectionPoint {
  double minimumVolumeMm3 = 0.0;       ///< smaller lesions were dropped
  double sensitivity = 0.0;            ///< nodules touched by a kept lesion / all nodules
  double falsePositivesPerScan = 0.0;  ///< kept lesions touching no nodule, per scan
};

struct NoduleEvaluation {
  std::string modelName;
  std::string modelVersion;
  std::string modelSha256;
  int cases = 0;
  int nodules = 0;
  std::vector<NoduleSizeBand> bands;  ///< 4–6, 6–10, 10–20, 20–30 mm
  double diceAtLeast6Mm = 0.0;        ///< mean Dice of the nodules of 6 mm and more
  DetectionPoint allLesions;          ///< every lesion kept
  /// The most sensitive minimum volume with at most one false positive per scan.
  DetectionPoint atOneFalsePositive;
  std::vector<DetectionPoint> froc;  ///< every distinct minimum volume, ascending
  double seconds = 0.0;
};

/// Runs `model` (a segmentation of 3D volumes whose second label is the nodule) on `cases` test
/// chest CTs of 1 to 4 nodules each, on the CPU. `progress` is called after each case. Throws
/// InferenceError or ModelPackageError when the model cannot run, std::invalid_argument when it
/// is not a 3D segmenter.
NoduleEvaluation evaluateNoduleSegmenter(const ModelPackage& model, int cases,
                                         const std::function<void(int done)>& progress = {});

}  // namespace lumen::inference::evaluation
