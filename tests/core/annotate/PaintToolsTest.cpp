#include "core/annotate/PaintTools.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "core/Error.h"

namespace lumen::core {
namespace {

/// A coronal grid (i → patient left, j → feet, k → anterior) with unequal spacing, so that
/// millimetres and voxels differ on every axis.
VolumeGeometry coronalGrid() {
  VolumeGeometry g;
  g.size = {60, 50, 40};
  g.spacing = {0.6, 0.9, 1.5};
  g.origin = {-20.0, 40.0, 100.0};
  g.direction = {{{1, 0, 0}, {0, 0, -1}, {0, -1, 0}}};
  return g;
}

double distanceMm(const Vec3& a, const Vec3& b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                   (a[2] - b[2]) * (a[2] - b[2]));
}

Vec3 voxelCentre(const LabelMap& map, std::size_t i, std::size_t j, std::size_t k) {
  return map.volume().indexToWorld({double(i), double(j), double(k)});
}

TEST(PaintTools, ASphereBrushPaintsTheVoxelsWithinItsRadiusInMm) {
  LabelMap map(coronalGrid());
  const Vec3 centre = map.volume().indexToWorld({30.3, 20.6, 18.2});
  Brush brush;
  brush.shape = Brush::Shape::Sphere;
  brush.radiusMm = 4.0;
  brush.value = 2;
  const LabelEdit edit = paintBrush(map, brush, centre, centre);
  std::size_t expected = 0;
  const Size3& size = map.size();
  for (std::size_t k = 0; k < size[2]; ++k) {
    for (std::size_t j = 0; j < size[1]; ++j) {
      for (std::size_t i = 0; i < size[0]; ++i) {
        const bool inside = distanceMm(voxelCentre(map, i, j, k), centre) <= 4.0;
        expected += inside ? 1 : 0;
        ASSERT_EQ(map.at(i, j, k), inside ? 2 : 0) << i << " " << j << " " << k;
      }
    }
  }
  // About the sphere's volume in voxels: 4/3 π 4³ / (0.6 · 0.9 · 1.5).
  EXPECT_NEAR(double(expected), 4.0 / 3.0 * M_PI * 64.0 / (0.6 * 0.9 * 1.5), 25.0);
  EXPECT_EQ(edit.description, "Brush");
}

TEST(PaintTools, ADiscStaysOnTheNearestSliceAndMeasuresInItsPlane) {
  LabelMap map(coronalGrid());
  const Vec3 centre = map.volume().indexToWorld({10.0, 10.0, 7.4});
  Brush brush;
  brush.radiusMm = 3.0;
  brush.sliceAxis = 2;
  paintBrush(map, brush, centre, centre);
  std::size_t painted = 0;
  for (std::size_t k = 0; k < map.size()[2]; ++k) {
    for (std::size_t j = 0; j < map.size()[1]; ++j) {
      for (std::size_t i = 0; i < map.size()[0]; ++i) {
        if (map.at(i, j, k) == 0) continue;
        ++painted;
        ASSERT_EQ(k, 7u);
        const double di = (double(i) - 10.0) * 0.6;
        const double dj = (double(j) - 10.0) * 0.9;
        EXPECT_LE(di * di + dj * dj, 9.0 + 1e-9);
      }
    }
  }
  EXPECT_NEAR(double(painted), M_PI * 9.0 / (0.6 * 0.9), 6.0);
}

TEST(PaintTools, AStrokePaintsTheCapsuleBetweenItsEnds) {
  LabelMap map(coronalGrid());
  const Vec3 from = map.volume().indexToWorld({10.0, 25.0, 20.0});
  const Vec3 to = map.volume().indexToWorld({50.0, 25.0, 20.0});
  Brush brush;
  brush.radiusMm = 2.0;
  paintBrush(map, brush, from, to);
  for (std::size_t i = 10; i <= 50; ++i) EXPECT_EQ(map.at(i, 25, 20), 1) << i;
  EXPECT_EQ(map.at(9, 25, 20), 1);   // 0.6 mm beyond the end
  EXPECT_EQ(map.at(5, 25, 20), 0);   // 3 mm beyond
  EXPECT_EQ(map.at(30, 27, 20), 1);  // 1.8 mm beside
  EXPECT_EQ(map.at(30, 28, 20), 0);  // 2.7 mm beside
}

TEST(PaintTools, TheEraserClearsAndTheThresholdBrushKeepsToItsRange) {
  const VolumeGeometry grid = coronalGrid();
  Volume image(PixelType::Int16, grid);
  auto* hu = static_cast<std::int16_t*>(image.data());
  for (std::size_t n = 0; n < image.voxelCount(); ++n) hu[n] = (n % 2 == 0) ? -800 : 40;
  LabelMap map(grid);
  const Vec3 centre = map.volume().indexToWorld({30.0, 25.0, 20.0});
  Brush brush;
  brush.shape = Brush::Shape::Sphere;
  brush.radiusMm = 3.0;
  brush.within = IntensityRange{0.0, 100.0};
  const LabelEdit edit = paintBrush(map, brush, centre, centre, &image);
  EXPECT_EQ(edit.description, "Threshold brush");
  EXPECT_GT(map.count(1), 0u);
  for (std::size_t n = 0; n < image.voxelCount(); ++n) {
    if (map.data()[n] != 0) {
      ASSERT_EQ(hu[n], 40);
    }
  }
  Brush eraser;
  eraser.shape = Brush::Shape::Sphere;
  eraser.radiusMm = 10.0;
  eraser.value = 0;
  EXPECT_EQ(paintBrush(map, eraser, centre, centre).description, "Eraser");
  EXPECT_EQ(map.count(1), 0u);
}

TEST(PaintTools, RefusesABadBrushOrImage) {
  LabelMap map(coronalGrid());
  const Vec3 centre = map.volume().indexToWorld({30.0, 25.0, 20.0});
  Brush brush;
  brush.radiusMm = 0.0;
  EXPECT_THROW(paintBrush(map, brush, centre, centre), Error);
  brush.radiusMm = 2.0;
  brush.sliceAxis = 3;
  EXPECT_THROW(paintBrush(map, brush, centre, centre), Error);
  brush.sliceAxis = 2;
  brush.within = IntensityRange{0.0, 100.0};
  EXPECT_THROW(paintBrush(map, brush, centre, centre), Error);  // no image
  VolumeGeometry other = coronalGrid();
  other.size = {60, 50, 41};
  Volume image(PixelType::Int16, other);
  EXPECT_THROW(paintBrush(map, brush, centre, centre, &image), Error);
  EXPECT_EQ(map.count(0), map.volume().voxelCount());
}

TEST(PaintTools, ABrushOutsideTheMapPaintsNothing) {
  LabelMap map(coronalGrid());
  const Vec3 far = map.volume().indexToWorld({-50.0, 25.0, 20.0});
  Brush brush;
  EXPECT_TRUE(paintBrush(map, brush, far, far).changedNothing());
  brush.shape = Brush::Shape::Sphere;
  EXPECT_TRUE(paintBrush(map, brush, far, far).changedNothing());
}

TEST(PaintTools, AnOutlineFillsTheVoxelsInsideIt) {
  LabelMap map(coronalGrid());
  const Volume& grid = map.volume();
  // A right triangle on slice j = 12 (a coronal... here the i–k plane), corners at voxel centres
  // (10, 10), (30, 10), (10, 30) in (i, k), nudged outward by a quarter voxel.
  const std::vector<Vec3> outline{grid.indexToWorld({9.75, 12.2, 9.75}),
                                  grid.indexToWorld({30.5, 12.2, 9.75}),
                                  grid.indexToWorld({9.75, 12.2, 30.5})};
  fillOutline(map, 1, outline, 4);
  std::size_t painted = 0;
  for (std::size_t k = 0; k < map.size()[2]; ++k) {
    for (std::size_t i = 0; i < map.size()[0]; ++i) {
      const bool inside = i >= 10 && k >= 10 && i + k <= 40;
      ASSERT_EQ(map.at(i, 12, k), inside ? 4 : 0) << i << " " << k;
      painted += inside ? 1 : 0;
    }
  }
  EXPECT_EQ(map.count(4), painted);
  EXPECT_THROW(fillOutline(map, 1, {outline[0], outline[1]}, 4), Error);
}

}  // namespace
}  // namespace lumen::core
