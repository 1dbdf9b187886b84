#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/Volume.h"
#include "core/annotate/IntensityRange.h"
#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// The brush of the slice views: a disc on the slice being drawn on, or a ball through slices.
struct Brush {
  enum class Shape { Disc, Sphere };
  Shape shape = Shape::Disc;
  double radiusMm = 5.0;   ///< voxels whose centre lies within this distance are painted
  int sliceAxis = 2;       ///< for a disc: the voxel axis across its slice (0 i, 1 j, 2 k)
  std::uint8_t value = 1;  ///< the label painted; 0 is the eraser
  /// The threshold brush: paint only voxels whose image value lies in this range.
  std::optional<IntensityRange> within;
};

/// Paints `brush` along the straight stroke from `fromLps` to `toLps` (equal for a single dab):
/// every voxel whose centre lies within the radius of the segment, measured in mm. A disc stays on
/// the slice nearest `toLps` and measures in that plane. `image` is needed only by a threshold
/// brush and must lie on the map's grid. Returns the edit (empty when the stroke misses the
/// map). Throws Error(InvalidArgument) for a radius ≤ 0, a slice axis outside 0–2, or a missing
/// or mismatched image.
LabelEdit paintBrush(LabelMap& map, const Brush& brush, const Vec3& fromLps, const Vec3& toLps,
                     const Volume* image = nullptr);

/// Fills, on the slice across `sliceAxis` nearest the first point, the voxels whose centre lies
/// inside the closed outline through `outlineLps` (a polygon or a lasso; even-odd rule) with
/// `value`. Throws Error(InvalidArgument) for fewer than 3 points or a slice axis outside 0–2.
LabelEdit fillOutline(LabelMap& map, int sliceAxis, const std::vector<Vec3>& outlineLps,
                      std::uint8_t value);

}  // namespace lumen::core
