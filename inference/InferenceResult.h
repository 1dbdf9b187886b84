#pragma once

// What running a model on an image gives: plain values the app can hold next to Qt (no LibTorch
// here). Results are immutable once made.

#include <cstdint>
#include <string>
#include <vector>

#include "inference/Geometry.h"

namespace lumen::inference {

/// One label of a classification model: how sure it is, and whether that is positive at the
/// model's operating threshold.
struct Finding {
  std::string label;
  double probability = 0.0;
  double threshold = 0.5;
  bool positive = false;
};

/// One label of a segmentation: its value in the label map and how much of the image it covers.
struct Segment {
  std::string label;
  int value = 0;
  std::int64_t voxels = 0;
  double volumeMl = 0.0;
};

/// Why a finding was called: a float map in the input image's geometry, 0 (no contribution) to
/// 1 (the strongest), i fastest.
struct Heatmap {
  std::string label;
  std::vector<float> values;
};

/// The wall-clock time of one stage of a job.
struct StageTiming {
  std::string stage;  ///< "read", "preprocess", "model", "heatmaps", "postprocess"
  double milliseconds = 0.0;
};

/// What a model found in one image, mapped back onto the image's own grid.
struct InferenceResult {
  std::string modelName;
  std::string modelVersion;
  std::string modelSha256;
  std::string device;  ///< where it ran: "cpu", "cuda:0", "cuda:0 (fp16)"

  Geometry geometry;  ///< the input image's: every volume below lies on it voxel for voxel

  std::vector<Finding> findings;  ///< classification, in the manifest's label order
  std::vector<Heatmap> heatmaps;  ///< one per finding when heatmaps were asked for

  std::vector<std::uint8_t> labelMap;  ///< segmentation: 0 background, else Segment::value
  std::vector<Segment> segments;       ///< every foreground label, found or not

  std::vector<StageTiming> timings;
  std::vector<std::string> notes;  ///< what happened that the user should know (a CPU fallback)

  double totalMilliseconds() const {
    double total = 0.0;
    for (const StageTiming& t : timings) total += t.milliseconds;
    return total;
  }
};

}  // namespace lumen::inference
