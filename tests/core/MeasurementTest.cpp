// Measurements: lengths, angles and region statistics, the last checked against a brute-force scan
// of every voxel that applies the documented rules directly (world positions from indexToWorld,
// values from valueAt, plane coordinates about the first corner).
#include "core/Measurement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <utility>
#include <vector>

#include "core/Error.h"

namespace lumen::core {
namespace {

constexpr double kPi = 3.14159265358979323846;

Measurement make(MeasurementKind kind, std::vector<Vec3> points, Vec3 right = {1, 0, 0},
                 Vec3 up = {0, -1, 0}) {
  Measurement m;
  m.kind = kind;
  m.points = std::move(points);
  m.planeRight = right;
  m.planeUp = up;
  return m;
}

std::optional<ErrorCode> errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.code();
  }
  return std::nullopt;
}

/// Rotation by `a` about z, then by `b` about x.
Mat3 rotation(double a, double b) {
  const double ca = std::cos(a), sa = std::sin(a), cb = std::cos(b), sb = std::sin(b);
  const Mat3 rz{{{ca, -sa, 0}, {sa, ca, 0}, {0, 0, 1}}};
  const Mat3 rx{{{1, 0, 0}, {0, cb, -sb}, {0, sb, cb}}};
  Mat3 m{};
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      for (int k = 0; k < 3; ++k) m[r][c] += rx[r][k] * rz[k][c];
  return m;
}

Vec3 column(const Mat3& m, int c) { return {m[0][c], m[1][c], m[2][c]}; }

/// A volume whose voxel (i, j, k) holds i + 10 j + 100 k (+ `offset`).
template <typename T>
Volume gradientVolume(const VolumeGeometry& geometry, PixelType type, double offset = 0.0) {
  Volume volume(type, geometry);
  T* voxels = static_cast<T*>(volume.data());
  for (std::size_t k = 0; k < geometry.size[2]; ++k)
    for (std::size_t j = 0; j < geometry.size[1]; ++j)
      for (std::size_t i = 0; i < geometry.size[0]; ++i)
        voxels[volume.offset(i, j, k)] = static_cast<T>(offset + i + 10.0 * j + 100.0 * k);
  return volume;
}

VolumeGeometry boxGeometry(Size3 size, Vec3 spacing = {1, 1, 1}) {
  VolumeGeometry g;
  g.size = size;
  g.spacing = spacing;
  return g;
}

VolumeGeometry obliqueGeometry() {
  VolumeGeometry g;
  g.size = {40, 36, 14};
  g.spacing = {0.7, 0.9, 2.5};
  g.origin = {-12.0, 8.5, 30.0};
  g.direction = rotation(kPi / 7, kPi / 5);
  return g;
}

/// The rules of regionStatistics() applied to every voxel of the volume, one by one.
RegionStatistics bruteForce(const Volume& volume, const Measurement& m) {
  const Vec3& r = m.planeRight;
  const Vec3& u = m.planeUp;
  const Vec3 n{r[1] * u[2] - r[2] * u[1], r[2] * u[0] - r[0] * u[2], r[0] * u[1] - r[1] * u[0]};
  const auto dot = [](const Vec3& a, const Vec3& b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  };
  double step = 0.0, bestCosine = -1.0;
  for (int axis = 0; axis < 3; ++axis) {
    const double cosine = std::abs(dot(column(volume.geometry().direction, axis), n));
    if (cosine > bestCosine) {
      bestCosine = cosine;
      step = volume.geometry().spacing[axis] * cosine;
    }
  }
  const Vec3 diagonal{m.points[1][0] - m.points[0][0], m.points[1][1] - m.points[0][1],
                      m.points[1][2] - m.points[0][2]};
  const double w = dot(diagonal, r), h = dot(diagonal, u);
  const double tol = kRegionBoundaryToleranceMm;
  std::vector<double> values;
  for (std::size_t k = 0; k < volume.size()[2]; ++k) {
    for (std::size_t j = 0; j < volume.size()[1]; ++j) {
      for (std::size_t i = 0; i < volume.size()[0]; ++i) {
        const Vec3 p = volume.indexToWorld({double(i), double(j), double(k)});
        const Vec3 rel{p[0] - m.points[0][0], p[1] - m.points[0][1], p[2] - m.points[0][2]};
        if (!(std::abs(dot(rel, n)) < 0.5 * step)) continue;
        const double s = dot(rel, r), t = dot(rel, u);
        bool inside = false;
        if (m.kind == MeasurementKind::Rectangle) {
          inside = s >= std::min(0.0, w) - tol && s <= std::max(0.0, w) + tol &&
                   t >= std::min(0.0, h) - tol && t <= std::max(0.0, h) + tol;
        } else {
          const double x = (s - w / 2) / (std::abs(w) / 2 + tol);
          const double y = (t - h / 2) / (std::abs(h) / 2 + tol);
          inside = x * x + y * y <= 1.0;
        }
        if (!inside) continue;
        values.push_back(volume.components() == 3 ? 0.299 * volume.valueAt(i, j, k, 0) +
                                                        0.587 * volume.valueAt(i, j, k, 1) +
                                                        0.114 * volume.valueAt(i, j, k, 2)
                                                  : volume.valueAt(i, j, k));
      }
    }
  }
  RegionStatistics s;
  s.voxelCount = values.size();
  if (values.empty()) return s;
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
  double squares = 0.0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.standardDeviation = std::sqrt(squares / values.size());
  s.minimum = *std::min_element(values.begin(), values.end());
  s.maximum = *std::max_element(values.begin(), values.end());
  return s;
}

void expectSame(const RegionStatistics& actual, const RegionStatistics& expected) {
  EXPECT_EQ(actual.voxelCount, expected.voxelCount);
  EXPECT_NEAR(actual.mean, expected.mean, 1e-9);
  EXPECT_NEAR(actual.standardDeviation, expected.standardDeviation, 1e-9);
  EXPECT_DOUBLE_EQ(actual.minimum, expected.minimum);
  EXPECT_DOUBLE_EQ(actual.maximum, expected.maximum);
}

TEST(MeasurementGeometry, PointCounts) {
  EXPECT_EQ(pointCount(MeasurementKind::Distance), 2);
  EXPECT_EQ(pointCount(MeasurementKind::Angle), 3);
  EXPECT_EQ(pointCount(MeasurementKind::Ellipse), 2);
  EXPECT_EQ(pointCount(MeasurementKind::Rectangle), 2);
}

TEST(MeasurementGeometry, LengthOfKnownSegments) {
  EXPECT_DOUBLE_EQ(measuredLength(make(MeasurementKind::Distance, {{1, 2, 3}, {4, 6, 3}})), 5.0);
  EXPECT_DOUBLE_EQ(measuredLength(make(MeasurementKind::Distance, {{-1, 0, 2}, {1, 3, 8}})), 7.0);
  EXPECT_DOUBLE_EQ(measuredLength(make(MeasurementKind::Distance, {{5, 5, 5}, {5, 5, 5}})), 0.0);
}

TEST(MeasurementGeometry, AnglesAtTheVertexInDegrees) {
  const auto angle = [](Vec3 a, Vec3 vertex, Vec3 b) {
    return measuredAngle(make(MeasurementKind::Angle, {a, vertex, b}));
  };
  EXPECT_NEAR(angle({11, 2, 3}, {1, 2, 3}, {1, 2, -4}), 90.0, 1e-12);
  EXPECT_NEAR(angle({2, 0, 0}, {0, 0, 0}, {-5, 0, 0}), 180.0, 1e-12);
  EXPECT_NEAR(angle({2, 0, 0}, {0, 0, 0}, {3, 3, 0}), 45.0, 1e-12);
  EXPECT_NEAR(angle({1, 1, 0}, {0, 0, 0}, {2, 2, 0}), 0.0, 1e-12);
  EXPECT_NEAR(angle({1, 0, 0}, {0, 0, 0}, {-0.5, std::sqrt(3.0) / 2, 0}), 120.0, 1e-12);
  // Close to straight, where acos loses digits: 180° − 1e-6 rad.
  EXPECT_NEAR(angle({1, 0, 0}, {0, 0, 0}, {-std::cos(1e-6), std::sin(1e-6), 0}),
              180.0 - 1e-6 * 180.0 / kPi, 1e-9);
  EXPECT_EQ(angle({0, 0, 0}, {0, 0, 0}, {1, 0, 0}), 0.0);  // an arm of zero length
}

TEST(MeasurementGeometry, WrongKindOrPointCountThrowsInvalidArgument) {
  const Volume volume(PixelType::Int16, boxGeometry({4, 4, 4}));
  const Measurement distance = make(MeasurementKind::Distance, {{0, 0, 0}, {1, 0, 0}});
  const Measurement angle = make(MeasurementKind::Angle, {{1, 0, 0}, {0, 0, 0}, {0, 1, 0}});
  const Measurement ellipse = make(MeasurementKind::Ellipse, {{0, 0, 0}, {2, 2, 0}});
  const auto invalid = std::optional<ErrorCode>(ErrorCode::InvalidArgument);
  EXPECT_EQ(errorOf([&] { measuredLength(angle); }), invalid);
  EXPECT_EQ(errorOf([&] { measuredLength(ellipse); }), invalid);
  EXPECT_EQ(errorOf([&] { measuredAngle(distance); }), invalid);
  EXPECT_EQ(errorOf([&] { regionStatistics(volume, distance); }), invalid);
  EXPECT_EQ(errorOf([&] { regionStatistics(volume, angle); }), invalid);
  Measurement three = distance;
  three.points.push_back({2, 0, 0});
  EXPECT_EQ(errorOf([&] { measuredLength(three); }), invalid);
  Measurement two = angle;
  two.points.pop_back();
  EXPECT_EQ(errorOf([&] { measuredAngle(two); }), invalid);
  Measurement one = ellipse;
  one.points.pop_back();
  EXPECT_EQ(errorOf([&] { regionStatistics(volume, one); }), invalid);
  Measurement parallel = ellipse;
  parallel.planeUp = {-2, 0, 0};
  EXPECT_EQ(errorOf([&] { regionStatistics(volume, parallel); }), invalid);
  Measurement notFinite = ellipse;
  notFinite.points[1][2] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(errorOf([&] { regionStatistics(volume, notFinite); }), invalid);
  // The valid ones do not throw, so the checks above can fail.
  EXPECT_EQ(errorOf([&] { measuredLength(distance); }), std::nullopt);
  EXPECT_EQ(errorOf([&] { measuredAngle(angle); }), std::nullopt);
  EXPECT_EQ(errorOf([&] { regionStatistics(volume, ellipse); }), std::nullopt);
}

TEST(MeasurementRegion, AxialRectangleOnAGradientVolume) {
  const Volume volume = gradientVolume<std::int16_t>(boxGeometry({20, 20, 10}), PixelType::Int16);
  // i 2..5, j 1..3 on slice k = 3; planeUp points to −j, so the height is negative.
  const Measurement m = make(MeasurementKind::Rectangle, {{2, 1, 3}, {5, 3, 3}});
  const RegionStatistics s = regionStatistics(volume, m);
  EXPECT_EQ(s.voxelCount, 12u);
  EXPECT_DOUBLE_EQ(s.mean, 323.5);
  EXPECT_DOUBLE_EQ(s.minimum, 312.0);
  EXPECT_DOUBLE_EQ(s.maximum, 335.0);
  // i and j vary independently: var = var(2..5) + 10² · var(1..3) = 1.25 + 200 / 3.
  EXPECT_NEAR(s.standardDeviation, std::sqrt(1.25 + 200.0 / 3.0), 1e-12);
  EXPECT_DOUBLE_EQ(s.areaMm2, 6.0);
  expectSame(s, bruteForce(volume, m));
}

TEST(MeasurementRegion, ThePlaneTakesTheSliceWithinHalfAStep) {
  // Slices 2.5 mm apart: a plane takes slice k when it passes within 1.25 mm of its centres.
  const Volume volume =
      gradientVolume<float>(boxGeometry({10, 10, 8}, {1.0, 1.0, 2.5}), PixelType::Float32);
  const auto sliceAt = [&](double z) {  // the k of the one slice taken
    const RegionStatistics s =
        regionStatistics(volume, make(MeasurementKind::Rectangle, {{0, 0, z}, {9, 9, z}}));
    EXPECT_EQ(s.voxelCount, 100u) << "z " << z;
    EXPECT_EQ(s.maximum - s.minimum, 99.0) << "z " << z;  // i, j 0..9 of one k
    return s.minimum / 100.0;
  };
  EXPECT_EQ(sliceAt(7.5), 3.0);  // through the centres of k = 3
  EXPECT_EQ(sliceAt(7.5 + 1.2), 3.0);
  EXPECT_EQ(sliceAt(7.5 - 1.2), 3.0);
  EXPECT_EQ(sliceAt(7.5 + 1.3), 4.0);
  EXPECT_EQ(sliceAt(7.5 - 1.3), 2.0);
  EXPECT_EQ(sliceAt(0.0), 0.0);
  EXPECT_EQ(sliceAt(17.5), 7.0);
  // Exactly midway between two slices the plane is within half a step of neither.
  EXPECT_EQ(regionStatistics(volume, make(MeasurementKind::Rectangle, {{0, 0, 8.75}, {9, 9, 8.75}}))
                .voxelCount,
            0u);
  EXPECT_EQ(regionStatistics(volume, make(MeasurementKind::Rectangle, {{0, 0, -1.3}, {9, 9, -1.3}}))
                .voxelCount,
            0u);  // beyond the first slice
  // A coronal plane (normal along j, spacing 1) takes one row of j.
  const RegionStatistics coronal = regionStatistics(
      volume,
      make(MeasurementKind::Rectangle, {{0, 4.4, 0}, {9, 4.4, 17.5}}, {1, 0, 0}, {0, 0, 1}));
  EXPECT_EQ(coronal.voxelCount, 80u);
  EXPECT_DOUBLE_EQ(coronal.minimum, 40.0);
  EXPECT_DOUBLE_EQ(coronal.maximum, 9 + 40 + 700.0);
}

TEST(MeasurementRegion, EllipseCoversTheInscribedVoxelsOnly) {
  const Volume volume = gradientVolume<std::int16_t>(boxGeometry({20, 20, 3}), PixelType::Int16);
  const Measurement rectangle = make(MeasurementKind::Rectangle, {{2, 2, 1}, {12, 12, 1}});
  Measurement circle = rectangle;
  circle.kind = MeasurementKind::Ellipse;
  EXPECT_EQ(regionStatistics(volume, rectangle).voxelCount, 121u);
  // Lattice points with x² + y² ≤ 25 (Gauss's circle problem, r = 5): 81.
  const RegionStatistics round = regionStatistics(volume, circle);
  EXPECT_EQ(round.voxelCount, 81u);
  EXPECT_DOUBLE_EQ(round.mean, 7 + 70 + 100.0);     // symmetric about the centre voxel
  EXPECT_DOUBLE_EQ(round.minimum, 7 + 20 + 100.0);  // the top of the circle
  EXPECT_NEAR(round.areaMm2, kPi * 25.0, 1e-12);
  EXPECT_DOUBLE_EQ(regionStatistics(volume, rectangle).areaMm2, 100.0);
  // a = 5, b = 2: 11 on the long axis, 2 × 9 at |y| = 1, 2 × 1 at |y| = 2.
  Measurement flat = make(MeasurementKind::Ellipse, {{2, 5, 1}, {12, 9, 1}});
  EXPECT_EQ(regionStatistics(volume, flat).voxelCount, 31u);
  expectSame(regionStatistics(volume, flat), bruteForce(volume, flat));
  flat.kind = MeasurementKind::Rectangle;
  EXPECT_EQ(regionStatistics(volume, flat).voxelCount, 55u);
}

TEST(MeasurementRegion, ObliqueVolumeWithAnisotropicSpacingMatchesBruteForce) {
  const Volume volume = gradientVolume<std::int16_t>(obliqueGeometry(), PixelType::Int16, -1000);
  const Vec3 centre = volume.indexToWorld({20, 18, 7});
  const Mat3& d = volume.geometry().direction;
  const Mat3 view = rotation(kPi / 3.3, -kPi / 4.1);  // a plane oblique to the voxel grid
  // A plane whose normal, 0.8 i + 0.6 k, is nearest the i axis (0.7 mm) although the k axis
  // (2.5 mm) has the larger spacing × cos: the slab is 0.7 × 0.8 mm thick, not 2.5 × 0.6.
  Vec3 steepUp{};
  for (int x = 0; x < 3; ++x) steepUp[x] = -0.6 * d[x][0] + 0.8 * d[x][2];
  for (const auto& [right, up] :
       {std::pair{column(view, 0), column(view, 1)}, std::pair{column(d, 1), steepUp}}) {
    Vec3 a{}, b{};
    for (int x = 0; x < 3; ++x) {
      a[x] = centre[x] - 9.0 * right[x] + 7.0 * up[x];
      b[x] = centre[x] + 8.0 * right[x] - 6.0 * up[x];
    }
    for (MeasurementKind kind : {MeasurementKind::Rectangle, MeasurementKind::Ellipse}) {
      const Measurement m = make(kind, {a, b}, right, up);
      const RegionStatistics s = regionStatistics(volume, m);
      const RegionStatistics expected = bruteForce(volume, m);
      EXPECT_GT(expected.voxelCount, 40u);
      expectSame(s, expected);
      EXPECT_NEAR(s.areaMm2, kind == MeasurementKind::Ellipse ? kPi * 8.5 * 6.5 : 17.0 * 13.0,
                  1e-9);
    }
  }
  // In the volume's own slice plane, with corners on voxel centres: exactly the voxels between.
  const Measurement own = make(MeasurementKind::Rectangle,
                               {volume.indexToWorld({2, 3, 5}), volume.indexToWorld({6, 8, 5})},
                               column(d, 0), column(d, 1));
  const RegionStatistics s = regionStatistics(volume, own);
  EXPECT_EQ(s.voxelCount, 30u);
  EXPECT_DOUBLE_EQ(s.minimum, -1000 + 2 + 30 + 500.0);
  EXPECT_DOUBLE_EQ(s.maximum, -1000 + 6 + 80 + 500.0);
  EXPECT_NEAR(s.areaMm2, 4 * 0.7 * 5 * 0.9, 1e-9);
  expectSame(s, bruteForce(volume, own));
}

TEST(MeasurementRegion, PartlyOutsideCountsTheInsideAndFullyOutsideIsEmpty) {
  const Volume volume = gradientVolume<std::int16_t>(boxGeometry({10, 8, 5}), PixelType::Int16);
  const Measurement partly = make(MeasurementKind::Rectangle, {{-5, -5, 3}, {4, 3, 3}});
  const RegionStatistics s = regionStatistics(volume, partly);
  EXPECT_EQ(s.voxelCount, 20u);  // i 0..4, j 0..3
  EXPECT_DOUBLE_EQ(s.minimum, 300.0);
  EXPECT_DOUBLE_EQ(s.maximum, 334.0);
  EXPECT_DOUBLE_EQ(s.areaMm2, 72.0);  // of the whole shape
  expectSame(s, bruteForce(volume, partly));
  Measurement ellipse = make(MeasurementKind::Ellipse, {{7, 5, 2}, {15, 13, 2}},  // beyond i, j
                             {0.6, 0.8, 0}, {-0.8, 0.6, 0});
  expectSame(regionStatistics(volume, ellipse), bruteForce(volume, ellipse));
  EXPECT_GT(regionStatistics(volume, ellipse).voxelCount, 0u);

  for (const Measurement& outside :
       {make(MeasurementKind::Rectangle, {{100, 100, 3}, {110, 110, 3}}),
        make(MeasurementKind::Ellipse, {{0, 0, -3}, {9, 7, -3}}),
        make(MeasurementKind::Rectangle, {{1e300, 1e300, 3}, {2e300, -2e300, 3}})}) {
    const RegionStatistics none = regionStatistics(volume, outside);
    EXPECT_EQ(none.voxelCount, 0u);
    EXPECT_EQ(none.mean, 0.0);
    EXPECT_EQ(none.standardDeviation, 0.0);
    EXPECT_EQ(none.minimum, 0.0);
    EXPECT_EQ(none.maximum, 0.0);
  }
}

TEST(MeasurementRegion, ColourVolumesUseLuminanceAndNonFiniteValuesAreSkipped) {
  Volume rgb(PixelType::UInt8, boxGeometry({6, 6, 2}), 3);
  auto* samples = static_cast<std::uint8_t*>(rgb.data());
  for (std::size_t k = 0; k < 2; ++k)
    for (std::size_t j = 0; j < 6; ++j)
      for (std::size_t i = 0; i < 6; ++i) {
        std::uint8_t* voxel = samples + 3 * rgb.offset(i, j, k);
        voxel[0] = static_cast<std::uint8_t>(200 - 10 * i);
        voxel[1] = static_cast<std::uint8_t>(20 * j);
        voxel[2] = static_cast<std::uint8_t>(100 * k + 7);
      }
  const Measurement one = make(MeasurementKind::Rectangle, {{3, 2, 1}, {3, 2, 1}});
  const RegionStatistics single = regionStatistics(rgb, one);
  EXPECT_EQ(single.voxelCount, 1u);
  EXPECT_NEAR(single.mean, 0.299 * 170 + 0.587 * 40 + 0.114 * 107, 1e-12);
  EXPECT_EQ(single.standardDeviation, 0.0);
  const Measurement many = make(MeasurementKind::Ellipse, {{0.5, 0, 0}, {5, 5.5, 0}});
  expectSame(regionStatistics(rgb, many), bruteForce(rgb, many));

  Volume withNan = gradientVolume<double>(boxGeometry({5, 5, 1}), PixelType::Float64);
  static_cast<double*>(withNan.data())[withNan.offset(2, 2, 0)] =
      std::numeric_limits<double>::quiet_NaN();
  const RegionStatistics s =
      regionStatistics(withNan, make(MeasurementKind::Rectangle, {{1, 1, 0}, {3, 3, 0}}));
  EXPECT_EQ(s.voxelCount, 8u);
  EXPECT_DOUBLE_EQ(s.mean, 22.0);
  EXPECT_TRUE(std::isfinite(s.standardDeviation));
}

TEST(MeasurementRegion, LargeRoiVisitsOnlyItsSlabAndIsFast) {
  VolumeGeometry g = boxGeometry({512, 512, 64}, {0.8, 0.8, 1.25});
  g.direction = rotation(0.05, 0.1);
  const Volume volume = gradientVolume<std::int16_t>(g, PixelType::Int16, -1024);
  const Mat3 view = rotation(0.3, 0.4);
  const Vec3 centre = volume.indexToWorld({256, 256, 32});
  Vec3 a{}, b{};
  for (int x = 0; x < 3; ++x) {  // 160 × 160 mm: 200 × 200 voxels
    a[x] = centre[x] - 80.0 * view[x][0] - 80.0 * view[x][1];
    b[x] = centre[x] + 80.0 * view[x][0] + 80.0 * view[x][1];
  }
  const Measurement m = make(MeasurementKind::Rectangle, {a, b}, column(view, 0), column(view, 1));
  double best = std::numeric_limits<double>::infinity();
  RegionStatistics s;
  for (int run = 0; run < 5; ++run) {
    const auto start = std::chrono::steady_clock::now();
    s = regionStatistics(volume, m);
    best = std::min(
        best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count());
  }
  std::printf("%zu voxels, best %.3f ms\n", s.voxelCount, best);
  EXPECT_GT(s.voxelCount, 30000u);
  EXPECT_LT(best, 10.0) << "ms for " << s.voxelCount << " voxels";
}

}  // namespace
}  // namespace lumen::core
