#pragma once

#include <cstdint>
#include <map>

#include "core/Volume.h"
#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// Starts labels from a model's segmentation: every voxel where `segmentation` (a uint8 label
/// map on the map's grid, as ModelResult holds it) has a value listed in `labelOf` gets the
/// project label it maps to; other voxels keep theirs. One undoable edit ("From model").
/// Throws Error(InvalidArgument) when the segmentation is not uint8 on the map's grid or a target
/// label is 0.
LabelEdit labelsFromSegmentation(LabelMap& map, const Volume& segmentation,
                                 const std::map<std::uint8_t, std::uint8_t>& labelOf);

/// Starts a label from a heatmap: every voxel where `heatmap` (uint8, 0–255 meaning 0–1, on the
/// map's grid, as ModelResult holds it) is at least `threshold` (0–1) gets `value`. One undoable
/// edit ("From heatmap"). Throws Error(InvalidArgument) for a heatmap that is not uint8 on the
/// map's grid, a threshold outside [0, 1] or `value` 0.
LabelEdit labelsFromHeatmap(LabelMap& map, const Volume& heatmap, double threshold,
                            std::uint8_t value);

}  // namespace lumen::core
