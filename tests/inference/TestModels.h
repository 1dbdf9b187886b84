#pragma once

// TorchScript models with behaviour a test can predict, built in C++ and saved as Lumen
// packages (manifest embedded) in a temporary folder.

#include <filesystem>
#include <string>

#include "inference/ModelPackage.h"

namespace lumen::inference::testing {

/// A folder under the system's temporary folder, removed when destroyed.
class TemporaryFolder {
 public:
  TemporaryFolder();
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Where a RegionClassifier looks, in pixels of its 64×64 input: label "upper left" in
/// rows/columns [8, 24), label "lower right" in [40, 56).
inline constexpr int kRegionSize = 64;
inline constexpr int kUpperLeftFirst = 8;
inline constexpr int kLowerRightFirst = 40;
inline constexpr int kRegionWidth = 16;

/// A 2D classifier of two labels, "upper left" and "lower right": the logit of each is
/// 4 · (mean input inside its region) − 2, so a region of mean 1 gives sigmoid(2) ≈ 0.881 and of
/// 0 gives sigmoid(−2) ≈ 0.119. Its features are the input masked by each region, with the
/// Grad-CAM methods `features`/`features_head`; with `modelCam` forward returns (logits,
/// features) as its own CAM. Input: 1 channel, 64×64, intensity none; `heatmapJson` is the
/// manifest's heatmap object.
ModelPackage regionClassifier(const std::filesystem::path& folder, const std::string& heatmapJson,
                              bool modelCam = false);

/// A 3D segmenter of labels background and "bright": softmax of (x − 100, 100 − x)·(−1, 1)
/// scaled, so voxels above 100 (stored values, intensity none) are "bright". It runs on
/// `patch`³ patches (sliding window, overlap 0.5) at 1 mm LPS when patch > 0, else on the whole
/// image at its own spacing.
ModelPackage thresholdSegmenter(const std::filesystem::path& folder, int patch);

/// A 3D segmenter whose every output is the constant `value` (logits, activation none, one label
/// "constant"), on 16³ patches with overlap `overlap`.
ModelPackage constantSegmenter(const std::filesystem::path& folder, double value, double overlap);

/// A 3D classifier of one label, "bright block", that makes its own CAM: the input windowed to
/// [0, 1] over 0…1000 (stored values, HU for CT), 32³ voxels; the CAM is that input itself and
/// the logit 8 · (its maximum) − 4, so a volume with a region at 1000 or more (large enough to
/// survive resampling to 32³) gives sigmoid(4) ≈ 0.982 and a heatmap of 1 there, 0 where the
/// image is 0 or below. Applies to CT; intended use, evaluation ("AUC 1.000 on every <bright>
/// block") and "not for clinical use" are set.
ModelPackage brightBlockClassifier(const std::filesystem::path& folder);

/// Saves a module defined by `source` (TorchScript methods) with `manifest` embedded, and reads
/// it back as a package.
ModelPackage savePackage(const std::filesystem::path& file, const std::string& source,
                         const std::string& manifest);

}  // namespace lumen::inference::testing
