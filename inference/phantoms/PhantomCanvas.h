#pragma once

// Internal to the chest CT phantom: small vector helpers, the box of voxels being drawn, and
// soft-edged tubes drawn into it.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace lumen::inference::phantoms {

using Vec3 = std::array<double, 3>;

inline Vec3 operator+(const Vec3& a, const Vec3& b) {
  return {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
}
inline Vec3 operator-(const Vec3& a, const Vec3& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
inline Vec3 operator*(double s, const Vec3& a) { return {s * a[0], s * a[1], s * a[2]}; }
inline double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
inline double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
inline Vec3 normalized(const Vec3& a) { return (1.0 / norm(a)) * a; }
inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

/// What a voxel is, coarsely: decides where vessels, airways and nodules may be drawn.
enum class Label : std::uint8_t { Air, Wall, Mediastinum, Heart, Lung, Abdomen };

/// A tapered tube (a capsule whose radius goes linearly from ra at a to rb at b), LPS mm.
struct Tube {
  Vec3 a, b;
  double ra = 0, rb = 0;
  bool mediastinal = false;  ///< may run outside the lung (hilar and mediastinal parts)
};

/// The voxels being drawn: a box of the case's full grid (identity direction, LPS), stored
/// i fastest. Holds HU before blur and noise, a Label per voxel and the nodule mask.
struct Canvas {
  std::array<std::int64_t, 3> begin{0, 0, 0};  ///< full-grid index of local voxel (0, 0, 0)
  std::array<std::int64_t, 3> size{0, 0, 0};
  Vec3 origin{0, 0, 0};   ///< LPS of full-grid voxel (0, 0, 0)
  Vec3 spacing{1, 1, 1};  ///< mm
  std::vector<float> hu;
  std::vector<std::uint8_t> label;
  std::vector<std::uint8_t> mask;

  std::int64_t offset(std::int64_t i, std::int64_t j, std::int64_t k) const {
    return i + size[0] * (j + size[1] * k);
  }
  /// LPS centre of local voxel (i, j, k).
  Vec3 centre(std::int64_t i, std::int64_t j, std::int64_t k) const {
    return {origin[0] + spacing[0] * static_cast<double>(begin[0] + i),
            origin[1] + spacing[1] * static_cast<double>(begin[1] + j),
            origin[2] + spacing[2] * static_cast<double>(begin[2] + k)};
  }
  /// Local index ranges [from, to) of the voxels whose centres lie in the LPS box [lo, hi];
  /// false when none do.
  bool range(const Vec3& lo, const Vec3& hi, std::array<std::int64_t, 3>& from,
             std::array<std::int64_t, 3>& to) const {
    for (std::size_t a = 0; a < 3; ++a) {
      const double first =
          std::ceil((lo[a] - origin[a]) / spacing[a]) - static_cast<double>(begin[a]);
      const double last =
          std::floor((hi[a] - origin[a]) / spacing[a]) - static_cast<double>(begin[a]);
      from[a] = std::max<std::int64_t>(0, static_cast<std::int64_t>(first));
      to[a] = std::min<std::int64_t>(size[a], static_cast<std::int64_t>(last) + 1);
      if (from[a] >= to[a]) return false;
    }
    return true;
  }
  /// Width (mm) over which drawn edges go from inside to outside: a voxel's in-plane size.
  double softMm() const { return 0.5 * (spacing[0] + spacing[1]); }
};

/// Calls visit(offset, point, signedDepth) for every voxel of `canvas` within `reach` mm of the
/// tube's surface; signedDepth is how far (mm) the voxel centre lies inside the surface
/// (negative outside).
template <class Visit>
void forEachTubeVoxel(const Canvas& canvas, const Tube& tube, double reach, Visit&& visit) {
  const double r = std::max(tube.ra, tube.rb) + reach;
  Vec3 lo, hi;
  for (std::size_t a = 0; a < 3; ++a) {
    lo[a] = std::min(tube.a[a], tube.b[a]) - r;
    hi[a] = std::max(tube.a[a], tube.b[a]) + r;
  }
  std::array<std::int64_t, 3> from, to;
  if (!canvas.range(lo, hi, from, to)) return;
  const Vec3 axis = tube.b - tube.a;
  const double length2 = std::max(dot(axis, axis), 1e-12);
  for (std::int64_t k = from[2]; k < to[2]; ++k) {
    for (std::int64_t j = from[1]; j < to[1]; ++j) {
      for (std::int64_t i = from[0]; i < to[0]; ++i) {
        const Vec3 p = canvas.centre(i, j, k);
        const Vec3 ap = p - tube.a;
        const double t = std::clamp(dot(ap, axis) / length2, 0.0, 1.0);
        const Vec3 d = ap - t * axis;
        const double depth = tube.ra + (tube.rb - tube.ra) * t - std::sqrt(dot(d, d));
        if (depth > -reach) visit(canvas.offset(i, j, k), p, depth);
      }
    }
  }
}

/// The fraction of a voxel inside a surface whose centre lies `depth` mm inside it.
inline float coverage(double depth, double softMm) {
  return static_cast<float>(std::clamp(0.5 + depth / softMm, 0.0, 1.0));
}

}  // namespace lumen::inference::phantoms
