#pragma once

// The lesions of a segmentation: each connected region of one label, measured the way a
// radiologist reports a nodule. Standard headers only: the app includes this next to Qt.

#include <array>
#include <cstdint>
#include <vector>

#include "inference/Geometry.h"

namespace lumen::inference {

/// One connected region (26-connected) of a label in a label map.
struct Lesion {
  int value = 0;  ///< the label's value in the map
  std::int64_t voxels = 0;
  double volumeMm3 = 0.0;
  std::array<double, 3> centreLps{0, 0, 0};  ///< the mean of its voxel centres, mm
  /// The largest distance across it in any direction, mm: between the outer faces of its two
  /// voxels farthest apart.
  double longestDiameterMm = 0.0;
  std::array<std::int64_t, 3> first{0, 0, 0};  ///< its bounding box, voxel indices, inclusive
  std::array<std::int64_t, 3> last{0, 0, 0};
};

/// The regions of every label (non-zero value) of `labelMap` (geometry.voxelCount() values, i
/// fastest), in one pass: by value, largest first within each.
std::vector<Lesion> findLesions(const std::uint8_t* labelMap, const Geometry& geometry);

/// The regions of `labelMap` whose value is `value`, largest first; with `lesionOfVoxel`, also
/// for every voxel the index of its lesion in the returned list, or -1. Throws
/// std::invalid_argument when the map's size does not match the geometry.
std::vector<Lesion> findLesions(const std::vector<std::uint8_t>& labelMap, const Geometry& geometry,
                                int value, std::vector<int>* lesionOfVoxel = nullptr);

}  // namespace lumen::inference
