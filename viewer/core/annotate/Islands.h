#pragma once

#include <cstddef>
#include <cstdint>

#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// Keeps the largest island of `value` (voxels joined through faces) and clears the others.
LabelEdit keepLargestIsland(LabelMap& map, std::uint8_t value);

/// Clears every island of `value` smaller than `minimumVoxels` (voxels joined through faces).
LabelEdit removeSmallIslands(LabelMap& map, std::uint8_t value, std::size_t minimumVoxels);

}  // namespace lumen::core
