#pragma once

#include <vector>

#include "core/Volume.h"

namespace lumen::render {

/// One straight piece of the boundary of a labelled region on a slice: it runs along voxel edges
/// (halfway between voxel centres), LPS mm, with the region's label on one side and another
/// label (or the background, or the outside of the volume) on the other.
struct LabelEdge {
  core::Vec3 from{};
  core::Vec3 to{};
  int label = 0;
};

/// The boundaries of every labelled region of slice `index` along volume axis `axis` (0 i,
/// 1 j, 2 k) of `labels` (one uint8 per voxel, 0 background), exact to the voxel: one edge per run
/// of voxel sides along a row or column. Where two labels meet, each gets its own edge there.
/// Empty when the slice lies outside the volume. Safe from any thread.
std::vector<LabelEdge> labelOutline(const core::Volume& labels, int axis, long index);

}  // namespace lumen::render
