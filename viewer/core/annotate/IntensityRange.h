#pragma once

#include <cstdint>
#include <vector>

#include "core/Volume.h"
#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// The image values a tool may label, inclusive, in the volume's modality units (HU for CT).
struct IntensityRange {
  double low = 0.0;
  double high = 0.0;

  bool contains(double value) const { return value >= low && value <= high; }
};

/// For each voxel of `box` (inside `image`), i fastest: 1 where its value lies in `range`, else 0.
/// Throws Error(InvalidArgument) for a colour image or a reversed range.
std::vector<std::uint8_t> voxelsInRange(const Volume& image, const VoxelBox& box,
                                        const IntensityRange& range);

/// Throws Error(InvalidArgument), naming `tool`, unless `image` lies on `map`'s grid.
void requireSameGrid(const LabelMap& map, const Volume& image, const char* tool);

}  // namespace lumen::core
