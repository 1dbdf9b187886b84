#pragma once

// Plain description of a volume handed to the inference layer. Standard headers only: the app
// includes this next to Qt, so no LibTorch here.

#include "inference/Geometry.h"

namespace lumen::inference {

/// The stored type of one voxel.
enum class VoxelType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64 };

/// A volume as the inference layer sees it, without owning it: one component per voxel, i
/// fastest, then j, then k, on `geometry`. The caller keeps `voxels` alive while any job uses it.
struct ImageInput {
  const void* voxels = nullptr;
  VoxelType type = VoxelType::Int16;
  Geometry geometry;
};

}  // namespace lumen::inference
