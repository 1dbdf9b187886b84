#pragma once
// What a model found in one volume, in core's own plain types: viewer/core does not know
// inference/, so app/ converts the inference worker's results into these to show and cache them
// (StudyDatabase::saveModelResult()).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/Volume.h"

namespace lumen::core {

/// One classification output: how likely a finding is, and whether that counts as positive.
struct ResultFinding {
  std::string label;       ///< e.g. "Nodule", as the model's manifest names it
  double probability = 0;  ///< in [0, 1]
  double threshold = 0.5;  ///< in [0, 1]; the operating point the model's package chose
  bool positive = false;   ///< as the model decided (usually probability >= threshold)
};

/// One structure of a segmentation: its value in the label map and how much of it there is.
struct ResultSegment {
  std::string label;        ///< e.g. "Liver"
  int value = 0;            ///< its voxels' value in the label map (0 is background)
  std::int64_t voxels = 0;  ///< voxels with that value, >= 0
  double volumeMl = 0;      ///< their volume in millilitres (cm³), >= 0
};

/// One connected region of a label in the label map (a nodule, say), measured as a radiologist
/// reports it.
struct ResultLesion {
  int value = 0;                 ///< the segment's value in the label map
  double volumeMm3 = 0;          ///< >= 0
  double longestDiameterMm = 0;  ///< the largest distance across it, face to face
  Vec3 centreLps{0, 0, 0};       ///< the mean of its voxel centres, mm
};

/// A volume a model produced on the grid of the image it read: a heatmap (uint8, 0–255 meaning
/// 0–1, for the finding `label`) or the label map of a segmentation (uint8, 0 background).
struct ResultVolume {
  enum class Kind { Heatmap, LabelMap };
  Kind kind = Kind::Heatmap;
  std::string label;                     ///< the finding of a heatmap; free text for a label map
  std::shared_ptr<const Volume> volume;  ///< uint8, one component, with its own geometry
};

/// How long one stage of the run took (e.g. "preprocess", "model", "heatmap").
struct ResultTiming {
  std::string stage;
  double milliseconds = 0;  ///< wall time, >= 0
};

/// What one model found in one volume, as shown and as cached in the study database. Immutable
/// once made; share it across threads as std::shared_ptr<const ModelResult>.
struct ModelResult {
  std::string modelSha256;  ///< identity of the model file: SHA-256, 64 hex digits
  std::string modelName;
  std::string modelVersion;
  std::string intendedUse;  ///< the package's statement, shown with the result
  bool notForClinicalUse = true;
  enum class Task { Classification, Segmentation };
  Task task = Task::Classification;
  std::string device;     ///< where it ran: "cpu", "cuda:0", "cuda:0 (fp16)"
  std::string createdAt;  ///< UTC ISO 8601 ("2025-06-20T10:15:00Z"); saveModelResult sets it
                          ///< when empty
  std::vector<ResultFinding> findings;  ///< classification outputs, in the model's order
  std::vector<ResultSegment> segments;  ///< segmentation structures, in the model's order
  std::vector<ResultVolume> volumes;    ///< heatmaps and label maps
  /// The label map's connected regions, by segment value and largest first within each: derived
  /// from it when the result is made or read back (app's addLesions), not stored.
  std::vector<ResultLesion> lesions;
  std::vector<ResultTiming> timings;  ///< in the order the stages ran
  std::vector<std::string> notes;     ///< warnings for the reader ("resampled to 1 mm", …)
};

}  // namespace lumen::core
