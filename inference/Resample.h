#pragma once

// Moving voxel values between grids with LibTorch ops (on the tensor's device). Includes
// LibTorch: inference/ code and its tests only.

#include <ATen/Tensor.h>

#include "inference/Geometry.h"

namespace lumen::inference {

enum class Interpolation {
  Linear,   ///< trilinear, for images and probabilities; averages first when shrinking ≥ 2×
  Nearest,  ///< for label maps: every output voxel is one input voxel's value
};

/// Values on grid `from` ([channels, k, j, i] or [k, j, i]; floating point, or any type for
/// Nearest, e.g. a uint8 label map) sampled at the voxel
/// centres of grid `to` (result [channels, to.k, to.j, to.i], or [to.k, to.j, to.i], same type
/// and device). Points more than half a voxel outside `from` get `outside`; points within half a
/// voxel of its edge take the edge value. When `to` only reorders and flips `from`'s axes, the
/// values are moved exactly, without interpolation. Works in slabs, so the temporary sampling
/// grid stays small. Throws std::invalid_argument when the shape does not match `from`. Safe to
/// call from several threads.
at::Tensor resample(const at::Tensor& values, const Geometry& from, const Geometry& to,
                    Interpolation interpolation, double outside);

}  // namespace lumen::inference
