#include "core/SyntheticChestCt.h"

#include <cmath>
#include <cstdint>

namespace lumen::core {
namespace {

using L = SyntheticChestCtLandmarks;

double sq(double v) { return v * v; }

/// True when p lies inside the axis-aligned ellipsoid with this centre and these semi-axes (mm).
bool inEllipsoid(const Vec3& p, const Vec3& c, const Vec3& r) {
  return sq((p[0] - c[0]) / r[0]) + sq((p[1] - c[1]) / r[1]) + sq((p[2] - c[2]) / r[2]) <= 1.0;
}

/// Reproducible noise in [-1, 1] from a voxel's linear offset (integer hash, no global state).
double noise(std::uint64_t n) {
  n ^= n >> 33;
  n *= 0xff51afd7ed558ccdULL;
  n ^= n >> 33;
  n *= 0xc4ceb9fe1a85ec53ULL;
  n ^= n >> 33;
  return static_cast<double>(n & 0xffff) / 32767.5 - 1.0;
}

/// HU of tissue at LPS point p, before noise.
double tissueAt(const Vec3& p) {
  constexpr double bodyA = 160.0;  // half-width, left-right
  constexpr double bodyB = 115.0;  // half-depth, anterior-posterior
  const double body = sq(p[0] / bodyA) + sq(p[1] / bodyB);
  if (body > 1.0) return -1000.0;

  if (inEllipsoid(p, L::noduleCenter, {L::noduleRadius, L::noduleRadius, L::noduleRadius}))
    return 50.0;
  // Spine: vertebral bodies with discs every 30 mm, and the spinal canal behind them.
  if (sq(p[0]) + sq(p[1] - L::spine[1]) <= sq(20.0)) {
    const double phase = std::fmod(std::abs(p[2]), 30.0);
    return phase >= 15.0 && phase < 23.0 ? 80.0 : 650.0;
  }
  if (sq(p[0]) + sq(p[1] - 104.0) <= sq(7.0)) return 20.0;
  if (std::abs(p[0]) <= 16.0 && std::abs(p[1] + 100.0) <= 6.0 && p[2] < 100.0) return 500.0;
  // Descending aorta, left of the spine, with contrast.
  if (sq(p[0] - 28.0) + sq(p[1] - 45.0) <= sq(13.0)) return 180.0;
  if (inEllipsoid(p, {18.0, -30.0, -20.0}, {58.0, 48.0, 52.0})) return 45.0;
  if (inEllipsoid(p, L::rightLung, {58.0, 78.0, 120.0}) ||
      inEllipsoid(p, {75.0, 10.0, 0.0}, {58.0, 78.0, 120.0})) {
    return -850.0;
  }
  // Ribs: bands of a shell inside the body wall, every 24 mm, open at the front.
  if (body > sq(0.84) && body < sq(0.9) && std::fmod(std::abs(p[2]), 24.0) < 9.0 &&
      !(p[1] < 0.0 && std::abs(p[0]) < 35.0)) {
    return 700.0;
  }
  if (body > sq(0.93)) return -100.0;  // subcutaneous fat
  return 40.0;
}

}  // namespace

std::unique_ptr<Volume> makeSyntheticChestCt() {
  VolumeGeometry geometry;
  geometry.size = {256, 256, 120};
  geometry.spacing = {1.4, 1.4, 2.5};
  for (int axis = 0; axis < 3; ++axis) {
    geometry.origin[axis] =
        -0.5 * static_cast<double>(geometry.size[axis] - 1) * geometry.spacing[axis];
  }
  auto volume = std::make_unique<Volume>(PixelType::Int16, geometry);
  auto* voxels = static_cast<std::int16_t*>(volume->data());
  for (std::size_t k = 0; k < geometry.size[2]; ++k) {
    for (std::size_t j = 0; j < geometry.size[1]; ++j) {
      for (std::size_t i = 0; i < geometry.size[0]; ++i) {
        const std::size_t at = volume->offset(i, j, k);
        const Vec3 p = volume->indexToWorld(
            {static_cast<double>(i), static_cast<double>(j), static_cast<double>(k)});
        const double hu = tissueAt(p);
        const double jitter = hu > -1000.0 ? 12.0 * noise(at) : 0.0;
        voxels[at] = static_cast<std::int16_t>(std::lround(hu + jitter));
      }
    }
  }
  return volume;
}

}  // namespace lumen::core
