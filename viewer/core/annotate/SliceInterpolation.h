#pragma once

#include <cstdint>
#include <vector>

#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// Signed distance, in mm, from each pixel centre of a width × height mask (row-major, nonzero
/// inside) to the shape's edge: negative inside, positive outside, ±(one pixel) next to the edge
/// (halfway between an inside and an outside centre lies zero). Spacing in mm along rows and
/// columns. Exact Euclidean distances (Felzenszwalb and Huttenlocher's lower envelope). A mask
/// with no inside pixel gives +1e10 everywhere; one with no outside pixel, -1e10.
std::vector<double> signedDistance(const std::vector<std::uint8_t>& inside, std::size_t width,
                                   std::size_t height, double columnSpacingMm, double rowSpacingMm);

/// Fill between slices: wherever slices across `sliceAxis` (0 i, 1 j, 2 k) hold `value` with
/// unlabelled slices between them, labels those slices with the shape that morphs from one drawn
/// slice to the next (linear interpolation of their signed distance maps), on unlabelled voxels
/// only. Returns one edit for every gap filled. Throws Error(InvalidArgument) for `value` 0 or an
/// axis outside 0–2.
LabelEdit fillBetweenSlices(LabelMap& map, int sliceAxis, std::uint8_t value);

}  // namespace lumen::core
