#pragma once

#include <string>

#include "core/Volume.h"

// Checks that an AI result overlay can be drawn over a volume: an overlay lies on the volume's own
// grid, voxel for voxel, or is not drawn at all (never misaligned). Safe from any thread.
namespace lumen::render {

/// True when `a` and `b` are the same voxel grid: equal sizes, and spacing, origin and direction
/// equal to within rounding (1e-4 mm, 1e-6 for direction cosines).
bool sameGrid(const core::VolumeGeometry& a, const core::VolumeGeometry& b);

/// Why `heatmap` cannot be shown over `shown` (a person-readable English sentence), or "" when it
/// can: it must be one component of uint8 (0…255 meaning 0…1) or float32 (0…1) on the same grid.
std::string heatmapProblem(const core::Volume& heatmap, const core::Volume& shown);

/// Why `labels` cannot be shown over `shown`, or "" when it can: one component of uint8
/// (0 background, 1…255 labels) on the same grid.
std::string labelMapProblem(const core::Volume& labels, const core::Volume& shown);

}  // namespace lumen::render
