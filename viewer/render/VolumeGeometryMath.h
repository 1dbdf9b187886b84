#pragma once

#include "core/Volume.h"

// Small geometry helpers shared by the render scenes. LPS, mm.
namespace lumen::render {

/// A closed range of positions along one direction, mm.
struct Interval {
  double low = 0.0;
  double high = 0.0;
  double middle() const { return (low + high) / 2.0; }
  double length() const { return high - low; }
};

double dot(const core::Vec3& a, const core::Vec3& b);
core::Vec3 cross(const core::Vec3& a, const core::Vec3& b);

/// Range of dot(p, direction) over the centres of the volume's eight corner voxels.
Interval projectedExtent(const core::Volume& volume, const core::Vec3& direction);

/// Distance between neighbouring slices when stepping along `direction`: the spacing of the
/// volume axis most aligned with it, projected onto it.
double stepAlong(const core::Volume& volume, const core::Vec3& direction);

}  // namespace lumen::render
