#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/Volume.h"

namespace lumen::core {

/// What a measurement measures; decides how many points it has and what they mean.
enum class MeasurementKind { Distance, Angle, Ellipse, Rectangle };

/// A measurement drawn on one slice plane; points in patient coordinates (LPS, mm).
/// Distance: 2 points (the ends). Angle: 3 points (end of the first arm, the vertex, end of the
/// second arm). Ellipse and Rectangle: 2 points, opposite corners of the bounding rectangle, whose
/// sides lie along planeRight and planeUp (orthonormal in-plane unit vectors of the view it was
/// drawn in); the plane is the one through points[0] spanned by planeRight and planeUp.
struct Measurement {
  std::int64_t id = 0;  ///< unique within one volume's list, > 0 once stored
  MeasurementKind kind = MeasurementKind::Distance;
  std::vector<Vec3> points;        ///< LPS, mm; pointCount(kind) of them
  Vec3 planeRight{1.0, 0.0, 0.0};  ///< LPS unit vector, the view's screen right
  Vec3 planeUp{0.0, -1.0, 0.0};    ///< LPS unit vector, the view's screen up
  std::string label;               ///< the user's note, UTF-8, may be empty
};

/// Number of points a measurement of `kind` has (2 or 3).
int pointCount(MeasurementKind kind);

/// Length of a Distance, mm. Throws Error(InvalidArgument) for another kind or a wrong point count.
double measuredLength(const Measurement& m);

/// Angle at the vertex of an Angle, degrees in [0, 180]; 0 while an arm has zero length (the
/// angle is undefined then, e.g. at the start of a drag). Throws like measuredLength.
double measuredAngle(const Measurement& m);

/// Statistics of the voxels an Ellipse or Rectangle covers, in the volume's stored units
/// (HU for CT: Lumen's volumes already hold rescaled values).
struct RegionStatistics {
  std::size_t voxelCount = 0;
  double mean = 0.0;
  double standardDeviation = 0.0;  ///< population SD (divide by n)
  double minimum = 0.0;
  double maximum = 0.0;
  double areaMm2 = 0.0;  ///< geometric area of the shape (pi·a·b or w·h), mm²
};

/// Boundaries of an Ellipse or Rectangle are closed and grown by this much (mm), so that voxel
/// centres that lie on them exactly (corners placed on voxel centres) count despite rounding.
constexpr double kRegionBoundaryToleranceMm = 1e-6;

/// Statistics of the voxels an Ellipse or Rectangle covers. A voxel counts when its centre lies
/// within half a slice step of the plane (distance < step / 2, where step = spacing of the volume
/// axis most aligned with the plane normal × |cos| of their angle, so a plane through voxel
/// centres takes exactly one slice) and inside the shape in the plane's (right, up) coordinates:
/// ellipse (u/a)² + (v/b)² ≤ 1, rectangle |u| ≤ a and |v| ≤ b, about the shape's centre, with a
/// and b grown by kRegionBoundaryToleranceMm. points[1] is projected onto the plane. Colour
/// volumes contribute the luminance 0.299 R + 0.587 G + 0.114 B; non-finite values (NaN, ±inf)
/// are skipped and not counted. Visits only the voxels near the plane within the shape's bounding
/// box. Safe to call from several threads.
/// Throws Error(InvalidArgument) for a Distance/Angle, a wrong point count, non-finite points or
/// plane vectors that are zero or parallel (they are orthonormalised otherwise). A region outside
/// the volume gives voxelCount 0 (mean etc. 0) — not an error.
RegionStatistics regionStatistics(const Volume& volume, const Measurement& m);

}  // namespace lumen::core
