#include "render/VolumeGeometryMath.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lumen::render {

double dot(const core::Vec3& a, const core::Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

core::Vec3 cross(const core::Vec3& a, const core::Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

Interval projectedExtent(const core::Volume& volume, const core::Vec3& direction) {
  const core::Size3& size = volume.size();
  Interval range{std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest()};
  for (int corner = 0; corner < 8; ++corner) {
    const core::Vec3 index{(corner & 1) ? size[0] - 1.0 : 0.0, (corner & 2) ? size[1] - 1.0 : 0.0,
                           (corner & 4) ? size[2] - 1.0 : 0.0};
    const double along = dot(volume.indexToWorld(index), direction);
    range.low = std::min(range.low, along);
    range.high = std::max(range.high, along);
  }
  return range;
}

double stepAlong(const core::Volume& volume, const core::Vec3& direction) {
  const core::VolumeGeometry& g = volume.geometry();
  int best = 0;
  double bestCosine = -1.0;
  for (int axis = 0; axis < 3; ++axis) {
    const core::Vec3 column{g.direction[0][axis], g.direction[1][axis], g.direction[2][axis]};
    const double cosine = std::abs(dot(column, direction));
    if (cosine > bestCosine) {
      bestCosine = cosine;
      best = axis;
    }
  }
  return g.spacing[best] * bestCosine;
}

}  // namespace lumen::render
