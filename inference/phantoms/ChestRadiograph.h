#pragma once

// Synthetic PA chest radiographs with ground truth, for training and evaluating chest X-ray
// classifiers without patient images. Standard headers only.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace lumen::inference::phantoms {

/// The findings a synthetic chest radiograph can show, in label order.
enum class RadiographFinding {
  Nodule,
  Mass,
  Consolidation,
  PleuralEffusion,
  Pneumothorax,
  Cardiomegaly
};

/// How many RadiographFinding values there are.
inline constexpr int kRadiographFindingCount = 6;

/// The finding's label in lower case: "nodule", "mass", "consolidation", "pleural effusion",
/// "pneumothorax", "cardiomegaly".
const char* findingLabel(RadiographFinding finding);

/// What a pixel of ChestRadiograph::regions shows (the normal anatomy the case was drawn from,
/// before any finding). The heart wins over the lung behind it.
enum class RadiographRegion : std::uint8_t {
  Air = 0,          ///< outside the body
  Body = 1,         ///< soft tissue and bone elsewhere (neck, chest wall, abdomen)
  RightLung = 2,    ///< the patient's right lung field (image left)
  LeftLung = 3,     ///< the patient's left lung field (image right)
  Heart = 4,        ///< the cardiac silhouette above the diaphragm
  Mediastinum = 5,  ///< the upper mediastinum and spine between the lungs, above the heart
};

/// How to make a case.
struct RadiographOptions {
  /// Width and height of the square image in pixels (at least 32). The field of view is 350 mm
  /// whatever the size, so a smaller image shows the same anatomy at a coarser spacing.
  int size = 2048;
  /// Probability of each finding, drawn independently per case (0..1).
  double prevalence = 0.3;
  /// When set, which findings the case has (in RadiographFinding order), instead of drawing them.
  /// Everything else about the case stays as the seed makes it, so forcing one finding off
  /// changes the image only where that finding was.
  std::optional<std::array<bool, kRadiographFindingCount>> findings;
};

/// One synthetic PA chest radiograph: rows top to bottom (head first), columns from the
/// patient's right to left (a PA view seen as a radiologist reads it).
struct ChestRadiograph {
  int width = 0;
  int height = 0;
  double pixelSpacingMm = 0.0;  ///< mm between pixel centres, rows and columns alike
  /// Row-major width × height, 12 bits (0..4095), MONOCHROME2: bone and soft tissue bright,
  /// lung and air dark.
  std::vector<std::uint16_t> pixels;
  /// Which findings the case has, in RadiographFinding order.
  std::array<bool, kRadiographFindingCount> present{};
  /// Per finding, width × height bytes, 1 where the finding is; empty when it is absent. For
  /// cardiomegaly it is the cardiac silhouette.
  std::array<std::vector<std::uint8_t>, kRadiographFindingCount> masks;
  /// Width × height RadiographRegion values.
  std::vector<std::uint8_t> regions;
  /// Widest cardiac diameter / widest inner thoracic diameter; > 0.5 exactly with cardiomegaly,
  /// 0.38..0.48 without.
  double cardiothoracicRatio = 0.0;

  bool has(RadiographFinding finding) const { return present[static_cast<int>(finding)]; }
  const std::vector<std::uint8_t>& mask(RadiographFinding finding) const {
    return masks[static_cast<int>(finding)];
  }
};

/// Makes the case `seed` names. The same seed and options give bit-identical output on one
/// platform and build; the anatomy in mm does not depend on options.size. Throws
/// std::invalid_argument for a size below 32 or above 8192 or a prevalence outside 0..1.
/// Safe to call from several threads at once (no shared state).
ChestRadiograph makeChestRadiograph(std::uint64_t seed, const RadiographOptions& options = {});

}  // namespace lumen::inference::phantoms
