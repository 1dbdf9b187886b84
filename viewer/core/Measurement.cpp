#include "core/Measurement.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/Error.h"

namespace lumen::core {
namespace {

constexpr double kPi = 3.14159265358979323846;

Vec3 minus(const Vec3& a, const Vec3& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
Vec3 plus(const Vec3& a, const Vec3& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }
Vec3 times(const Vec3& a, double s) { return {a[0] * s, a[1] * s, a[2] * s}; }
double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
bool isFinite(const Vec3& a) {
  return std::isfinite(a[0]) && std::isfinite(a[1]) && std::isfinite(a[2]);
}

const char* kindName(MeasurementKind kind) {
  switch (kind) {
    case MeasurementKind::Distance:
      return "Distance";
    case MeasurementKind::Angle:
      return "Angle";
    case MeasurementKind::Ellipse:
      return "Ellipse";
    case MeasurementKind::Rectangle:
      return "Rectangle";
  }
  return "unknown kind";
}

/// Throws Error(InvalidArgument) unless `m` is of `kind` (or `orKind`) with its number of points.
void require(const Measurement& m, const char* function, MeasurementKind kind,
             MeasurementKind orKind) {
  if (m.kind != kind && m.kind != orKind) {
    throw Error(ErrorCode::InvalidArgument, std::string(function) + ": a " + kindName(m.kind) +
                                                " measurement has no such value");
  }
  if (m.points.size() != static_cast<std::size_t>(pointCount(m.kind))) {
    throw Error(ErrorCode::InvalidArgument, std::string(function) + ": a " + kindName(m.kind) +
                                                " needs " + std::to_string(pointCount(m.kind)) +
                                                " points, got " + std::to_string(m.points.size()));
  }
}

/// An affine function of the voxel index: at0 + Σ perIndex[x] · index[x].
struct LinearForm {
  double at0 = 0.0;
  Vec3 perIndex{};

  double at(const std::array<double, 3>& index) const {
    return at0 + perIndex[0] * index[0] + perIndex[1] * index[1] + perIndex[2] * index[2];
  }
};

/// (position of voxel index − point) · axis, as a function of the voxel index.
LinearForm projection(const Vec3& origin, const std::array<Vec3, 3>& columns, const Vec3& point,
                      const Vec3& axis) {
  return {dot(minus(origin, point), axis),
          {dot(columns[0], axis), dot(columns[1], axis), dot(columns[2], axis)}};
}

/// The shape and slab in voxel-index terms, ready for the voxel loop.
struct Region {
  bool ellipse = false;
  double a = 0.0;  // semi-axes along right and up, grown by the tolerance, mm
  double b = 0.0;
  LinearForm u;         // right coordinate about the shape's centre, mm
  LinearForm v;         // up coordinate about the shape's centre, mm
  LinearForm distance;  // signed distance from the plane, mm
  double halfStep = 0.0;
  int sliceAxis = 0;                 // the index axis most aligned with the plane normal
  std::array<long long, 3> first{};  // inclusive index range to visit, inside the volume
  std::array<long long, 3> last{};

  bool contains(double uu, double vv) const {
    if (ellipse) {
      const double x = uu / a, y = vv / b;
      return x * x + y * y <= 1.0;
    }
    return std::abs(uu) <= a && std::abs(vv) <= b;
  }
};

/// Running count, extremes and moments; sums are of (value − the first value), which keeps the
/// variance accurate when values are large compared with their spread.
struct Moments {
  std::size_t count = 0;
  double shift = 0.0;
  double sum = 0.0;
  double sumOfSquares = 0.0;
  double minimum = 0.0;
  double maximum = 0.0;

  void add(double value) {
    if (!std::isfinite(value)) return;
    if (count == 0) {
      shift = minimum = maximum = value;
    } else {
      minimum = std::min(minimum, value);
      maximum = std::max(maximum, value);
    }
    const double centred = value - shift;
    sum += centred;
    sumOfSquares += centred * centred;
    ++count;
  }
};

/// Visits each line of voxels along the slice axis inside the index range once: the slab holds at
/// most one voxel of it (one index step along that axis moves the centre by ±step across the
/// plane), the one nearest the plane, which is then tested against the shape.
template <typename T>
void accumulate(const Volume& volume, const Region& region, Moments& moments) {
  const T* voxels = static_cast<const T*>(volume.data());
  const bool colour = volume.components() == 3;
  const int a = region.sliceAxis, b = (a + 1) % 3, c = (a + 2) % 3;
  const double perSlice = region.distance.perIndex[a];
  std::array<double, 3> index{};
  for (long long ic = region.first[c]; ic <= region.last[c]; ++ic) {
    index[c] = static_cast<double>(ic);
    for (long long ib = region.first[b]; ib <= region.last[b]; ++ib) {
      index[b] = static_cast<double>(ib);
      index[a] = 0.0;
      const double nearest = std::round(-region.distance.at(index) / perSlice);
      if (!(nearest >= static_cast<double>(region.first[a]) &&
            nearest <= static_cast<double>(region.last[a]))) {
        continue;
      }
      index[a] = nearest;
      if (!(std::abs(region.distance.at(index)) < region.halfStep)) continue;
      if (!region.contains(region.u.at(index), region.v.at(index))) continue;
      const std::size_t at =
          volume.offset(static_cast<std::size_t>(index[0]), static_cast<std::size_t>(index[1]),
                        static_cast<std::size_t>(index[2]));
      if (colour) {
        const T* rgb = voxels + 3 * at;
        moments.add(0.299 * static_cast<double>(rgb[0]) + 0.587 * static_cast<double>(rgb[1]) +
                    0.114 * static_cast<double>(rgb[2]));
      } else {
        moments.add(static_cast<double>(voxels[at]));
      }
    }
  }
}

}  // namespace

int pointCount(MeasurementKind kind) { return kind == MeasurementKind::Angle ? 3 : 2; }

double measuredLength(const Measurement& m) {
  require(m, "measuredLength", MeasurementKind::Distance, MeasurementKind::Distance);
  return norm(minus(m.points[1], m.points[0]));
}

double measuredAngle(const Measurement& m) {
  require(m, "measuredAngle", MeasurementKind::Angle, MeasurementKind::Angle);
  const Vec3 first = minus(m.points[0], m.points[1]);
  const Vec3 second = minus(m.points[2], m.points[1]);
  if (norm(first) == 0.0 || norm(second) == 0.0) return 0.0;
  // atan2 of |sin| and cos stays accurate near 0° and 180°, where acos does not.
  return std::atan2(norm(cross(first, second)), dot(first, second)) * 180.0 / kPi;
}

RegionStatistics regionStatistics(const Volume& volume, const Measurement& m) {
  require(m, "regionStatistics", MeasurementKind::Ellipse, MeasurementKind::Rectangle);
  const Vec3& corner = m.points[0];
  if (!isFinite(corner) || !isFinite(m.points[1]) || !isFinite(m.planeRight) ||
      !isFinite(m.planeUp)) {
    throw Error(ErrorCode::InvalidArgument,
                "regionStatistics: a point or a plane vector is not "
                "finite");
  }
  // Orthonormal (right, up, normal), tolerating vectors that are not exactly unit or orthogonal.
  const double rightLength = norm(m.planeRight);
  const Vec3 right = times(m.planeRight, rightLength > 0.0 ? 1.0 / rightLength : 0.0);
  const Vec3 upAcross = minus(m.planeUp, times(right, dot(m.planeUp, right)));
  const double upLength = norm(upAcross);
  if (!(rightLength > 1e-12) || !(upLength > 1e-12 * norm(m.planeUp))) {
    throw Error(ErrorCode::InvalidArgument,
                "regionStatistics: planeRight and planeUp do not span a plane");
  }
  const Vec3 up = times(upAcross, 1.0 / upLength);
  const Vec3 normal = cross(right, up);

  const Vec3 diagonal = minus(m.points[1], corner);
  const double width = dot(diagonal, right), height = dot(diagonal, up);
  RegionStatistics result;
  const bool ellipse = m.kind == MeasurementKind::Ellipse;
  result.areaMm2 = std::abs(width * height) * (ellipse ? kPi / 4.0 : 1.0);

  const Vec3 origin = volume.indexToWorld({0.0, 0.0, 0.0});
  const std::array<Vec3, 3> columns{minus(volume.indexToWorld({1.0, 0.0, 0.0}), origin),
                                    minus(volume.indexToWorld({0.0, 1.0, 0.0}), origin),
                                    minus(volume.indexToWorld({0.0, 0.0, 1.0}), origin)};
  Region region;
  region.ellipse = ellipse;
  region.a = std::abs(width) / 2.0 + kRegionBoundaryToleranceMm;
  region.b = std::abs(height) / 2.0 + kRegionBoundaryToleranceMm;
  const Vec3 centre = plus(corner, plus(times(right, width / 2.0), times(up, height / 2.0)));
  region.u = projection(origin, columns, centre, right);
  region.v = projection(origin, columns, centre, up);
  region.distance = projection(origin, columns, corner, normal);
  double bestCosine = -1.0;
  for (int axis = 0; axis < 3; ++axis) {
    const double cosine = std::abs(region.distance.perIndex[axis]) / norm(columns[axis]);
    if (cosine > bestCosine) {
      bestCosine = cosine;
      region.sliceAxis = axis;
    }
  }
  region.halfStep = std::abs(region.distance.perIndex[region.sliceAxis]) / 2.0;

  // Index-space bounding box of the shape's box, half a step thick on either side of the plane.
  std::array<double, 3> low, high;
  low.fill(std::numeric_limits<double>::infinity());
  high.fill(-std::numeric_limits<double>::infinity());
  for (double su : {-1.0, 1.0}) {
    for (double sv : {-1.0, 1.0}) {
      for (double sn : {-1.0, 1.0}) {
        const Vec3 point =
            plus(centre, plus(times(right, su * region.a),
                              plus(times(up, sv * region.b), times(normal, sn * region.halfStep))));
        const Vec3 index = volume.worldToIndex(point);
        for (int axis = 0; axis < 3; ++axis) {
          low[axis] = std::min(low[axis], index[axis]);
          high[axis] = std::max(high[axis], index[axis]);
        }
      }
    }
  }
  for (int axis = 0; axis < 3; ++axis) {
    // Clamped in double first: far outside the volume the indices may not fit an integer.
    const double from = std::ceil(std::max(low[axis], 0.0));
    const double to =
        std::floor(std::min(high[axis], static_cast<double>(volume.size()[axis] - 1)));
    if (!(from <= to)) return result;  // outside the volume
    region.first[axis] = static_cast<long long>(from);
    region.last[axis] = static_cast<long long>(to);
  }

  Moments moments;
  dispatchPixelType(volume.pixelType(),
                    [&](auto zero) { accumulate<decltype(zero)>(volume, region, moments); });
  if (moments.count == 0) return result;
  const double n = static_cast<double>(moments.count);
  const double meanOffset = moments.sum / n;
  result.voxelCount = moments.count;
  result.mean = moments.shift + meanOffset;
  result.standardDeviation =
      std::sqrt(std::max(0.0, moments.sumOfSquares / n - meanOffset * meanOffset));
  result.minimum = moments.minimum;
  result.maximum = moments.maximum;
  return result;
}

}  // namespace lumen::core
