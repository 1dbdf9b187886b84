#pragma once

// Plain description of a volume handed to the inference layer. Standard headers only: the app
// includes this next to Qt, so no LibTorch here.

#include <array>
#include <cstdint>

namespace lumen::inference {

/// The stored type of one voxel.
enum class VoxelType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64 };

/// A volume as the inference layer sees it, without owning it: voxels i fastest, then j, then k
/// (one component), in LPS: voxel (i,j,k) centre = origin + direction · (spacing ⊙ [i,j,k]) (mm);
/// direction row-major [row][column], columns = unit vectors of i,j,k. The caller keeps `voxels`
/// alive while any job uses it.
struct ImageInput {
  const void* voxels = nullptr;
  VoxelType type = VoxelType::Int16;
  std::array<std::int64_t, 3> size{1, 1, 1};  ///< voxels along i, j, k
  std::array<double, 3> spacing{1, 1, 1};     ///< mm between voxel centres along i, j, k
  std::array<double, 3> origin{0, 0, 0};      ///< LPS mm of voxel (0, 0, 0)
  std::array<std::array<double, 3>, 3> direction{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
};

}  // namespace lumen::inference
