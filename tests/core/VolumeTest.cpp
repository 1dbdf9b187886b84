#include "core/Volume.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "core/Error.h"

namespace lumen::core {
namespace {

constexpr double kPi = 3.14159265358979323846;

/// Rotation by `a` about z, then by `b` about x: an oblique acquisition.
Mat3 obliqueDirection(double a, double b) {
  const double ca = std::cos(a), sa = std::sin(a), cb = std::cos(b), sb = std::sin(b);
  const Mat3 rz{{{ca, -sa, 0}, {sa, ca, 0}, {0, 0, 1}}};
  const Mat3 rx{{{1, 0, 0}, {0, cb, -sb}, {0, sb, cb}}};
  Mat3 m{};
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      for (int k = 0; k < 3; ++k) m[r][c] += rx[r][k] * rz[k][c];
  return m;
}

VolumeGeometry obliqueGeometry() {
  VolumeGeometry g;
  g.size = {10, 20, 30};
  g.spacing = {0.7, 0.8, 2.5};
  g.origin = {-120.0, 35.5, 410.0};
  g.direction = obliqueDirection(kPi / 6, kPi / 9);
  return g;
}

void expectNear(const Vec3& actual, const Vec3& expected, double tolerance) {
  for (int a = 0; a < 3; ++a) EXPECT_NEAR(actual[a], expected[a], tolerance) << "axis " << a;
}

TEST(Volume, VoxelCentreIsOriginPlusDirectionTimesScaledIndex) {
  const VolumeGeometry g = obliqueGeometry();
  const Volume volume(PixelType::Int16, g);
  const Vec3 index{3.0, 7.0, 11.0};
  Vec3 expected = g.origin;
  for (int row = 0; row < 3; ++row)
    for (int col = 0; col < 3; ++col)
      expected[row] += g.direction[row][col] * g.spacing[col] * index[col];
  expectNear(volume.indexToWorld(index), expected, 1e-9);
  expectNear(volume.indexToWorld({0, 0, 0}), g.origin, 1e-12);
}

TEST(Volume, ObliqueIndexStepsMoveAlongDirectionColumnsBySpacing) {
  const VolumeGeometry g = obliqueGeometry();
  const Volume volume(PixelType::Int16, g);
  const Vec3 base = volume.indexToWorld({4, 5, 6});
  const Vec3 nextK = volume.indexToWorld({4, 5, 7});
  // One step in k moves 2.5 mm along the third direction column.
  for (int row = 0; row < 3; ++row) {
    EXPECT_NEAR(nextK[row] - base[row], 2.5 * g.direction[row][2], 1e-9);
  }
}

TEST(Volume, WorldToIndexInvertsIndexToWorld) {
  const Volume volume(PixelType::Float32, obliqueGeometry());
  for (const Vec3& index : {Vec3{0, 0, 0}, Vec3{9, 19, 29}, Vec3{2.25, -1.5, 40.0}}) {
    expectNear(volume.worldToIndex(volume.indexToWorld(index)), index, 1e-9);
  }
}

TEST(Volume, FeetFirstFlippedAxesMapAsStored) {
  // i towards patient right, k towards feet: a volume as a feet-first scanner may store it.
  VolumeGeometry g;
  g.size = {4, 4, 4};
  g.spacing = {1.0, 2.0, 3.0};
  g.origin = {10, 20, 30};
  g.direction = {{{-1, 0, 0}, {0, 1, 0}, {0, 0, -1}}};
  const Volume volume(PixelType::UInt8, g);
  expectNear(volume.indexToWorld({1, 1, 1}), {9, 22, 27}, 1e-12);
  expectNear(volume.worldToIndex({7, 26, 21}), {3, 3, 3}, 1e-12);
}

TEST(Volume, ValueAtReadsEachPixelTypeAtItsOffset) {
  VolumeGeometry g;
  g.size = {3, 2, 2};
  Volume floats(PixelType::Float32, g);
  auto* f = static_cast<float*>(floats.data());
  for (std::size_t n = 0; n < floats.voxelCount(); ++n) f[n] = static_cast<float>(n) + 0.5F;
  EXPECT_DOUBLE_EQ(floats.valueAt(2, 1, 1), 11.5);
  EXPECT_EQ(floats.offset(2, 1, 1), 11U);

  Volume shorts(PixelType::Int16, g);
  static_cast<std::int16_t*>(shorts.data())[shorts.offset(1, 0, 1)] = -1024;
  EXPECT_DOUBLE_EQ(shorts.valueAt(1, 0, 1), -1024.0);
  EXPECT_EQ(shorts.byteSize(), 24U);
}

TEST(Volume, RejectsEmptySizeBadSpacingAndSingularDirection) {
  VolumeGeometry g;
  g.size = {4, 0, 4};
  try {
    Volume volume(PixelType::Int16, g);
    FAIL() << "empty size accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidGeometry);
  }
  g.size = {4, 4, 4};
  g.spacing = {1.0, -1.0, 1.0};
  EXPECT_THROW(Volume(PixelType::Int16, g), Error);
  g.spacing = {1.0, 1.0, 1.0};
  g.direction = {{{1, 0, 0}, {1, 0, 0}, {0, 0, 1}}};
  EXPECT_THROW(Volume(PixelType::Int16, g), Error);
}

TEST(Volume, ImpossibleSizeIsVolumeTooLargeWithTheSizeInTheMessage) {
  VolumeGeometry g;
  g.size = {65535, 65535, 65535};
  try {
    Volume volume(PixelType::Int16, g);
    FAIL() << "a 521 GiB volume was allocated";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::VolumeTooLarge);
    EXPECT_NE(std::string(e.what()).find("65535×65535×65535 int16"), std::string::npos) << e.what();
  }
  g.size = {std::size_t{1} << 40, std::size_t{1} << 40, 4};
  EXPECT_THROW(Volume(PixelType::Float64, g), Error);
}

}  // namespace
}  // namespace lumen::core
