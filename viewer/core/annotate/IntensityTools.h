#pragma once

#include <cstdint>

#include "core/Volume.h"
#include "core/annotate/IntensityRange.h"
#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// Labels `value` on every voxel of `image` whose value lies in `range` (e.g. bone above 300 HU).
/// Throws Error(InvalidArgument) when `image` is not on the map's grid, is colour, or the range
/// is reversed.
LabelEdit thresholdFill(LabelMap& map, const Volume& image, const IntensityRange& range,
                        std::uint8_t value);

/// Seeded region growing (ITK's connected threshold): labels `value` on the voxels joined to the
/// seed through faces by a path of voxels whose values all lie in `range`. Throws
/// Error(InvalidArgument) as thresholdFill does, and when the seed lies outside the image or its
/// own value outside the range (the message gives the value). Whole-volume work: run it off the
/// GUI thread on a copy of the map for large volumes.
LabelEdit growRegion(LabelMap& map, const Volume& image, const Vec3& seedLps,
                     const IntensityRange& range, std::uint8_t value);

}  // namespace lumen::core
