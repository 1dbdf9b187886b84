#pragma once

#include <memory>

#include "core/Volume.h"

namespace lumen::core {

/// Where the synthetic chest CT puts things (LPS, mm), so tests can check what they see.
struct SyntheticChestCtLandmarks {
  static constexpr Vec3 noduleCenter{-80.0, 0.0, 60.0};  ///< in the right lung
  static constexpr double noduleRadius = 9.0;            ///< mm
  static constexpr Vec3 rightLung{-75.0, 10.0, 0.0};     ///< a point deep in the right lung
  static constexpr Vec3 spine{0.0, 80.0, 0.0};           ///< inside a vertebral body
};

/// A deterministic, obviously artificial chest CT in HU (int16, 256×256×120 voxels of
/// 1.4×1.4×2.5 mm, axial, head first, centred on the LPS origin): air, body wall with fat, two
/// lungs, heart, aorta, spine with discs, sternum, ribs and one solid lung nodule, with a little
/// noise. Contains no patient data. Safe to call from any thread.
std::unique_ptr<Volume> makeSyntheticChestCt();

}  // namespace lumen::core
