#include "core/annotate/SliceInterpolation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/Error.h"
#include "core/annotate/PaintTools.h"

namespace lumen::core {
namespace {

TEST(SignedDistance, IsExactInMmOnBothSidesOfTheEdge) {
  // A 3 × 1 pixel bar in a 9 × 7 mask with 0.5 mm columns and 2 mm rows.
  std::vector<std::uint8_t> mask(9 * 7, 0);
  for (std::size_t x = 3; x < 6; ++x) mask[3 * 9 + x] = 1;
  const std::vector<double> d = signedDistance(mask, 9, 7, 0.5, 2.0);
  EXPECT_DOUBLE_EQ(d[3 * 9 + 4], -1.0);  // the middle: two columns are nearer than a row
  EXPECT_DOUBLE_EQ(d[3 * 9 + 3], -0.5);  // the end: the next column is outside
  EXPECT_DOUBLE_EQ(d[3 * 9 + 0], 1.5);   // three columns left of the bar
  EXPECT_DOUBLE_EQ(d[0 * 9 + 4], 6.0);   // three rows above
  EXPECT_DOUBLE_EQ(d[0 * 9 + 0], std::sqrt(1.5 * 1.5 + 36.0));
  const std::vector<double> none = signedDistance(std::vector<std::uint8_t>(4, 0), 2, 2, 1, 1);
  EXPECT_GT(none[0], 1e9);
}

TEST(FillBetweenSlices, TwoDiscsMakeACone) {
  VolumeGeometry grid;
  grid.size = {64, 64, 21};
  grid.spacing = {0.5, 0.5, 2.0};
  LabelMap map(grid);
  // A disc of 12 mm radius on slice 0 and one of 2 mm on slice 20, on the same axis.
  const Vec3 centre0 = map.volume().indexToWorld({32.0, 32.0, 0.0});
  const Vec3 centre20 = map.volume().indexToWorld({32.0, 32.0, 20.0});
  Brush brush;
  brush.radiusMm = 12.0;
  paintBrush(map, brush, centre0, centre0);
  brush.radiusMm = 2.0;
  paintBrush(map, brush, centre20, centre20);
  const LabelEdit edit = fillBetweenSlices(map, 2, 1);
  EXPECT_EQ(edit.description, "Fill between slices");
  for (std::size_t k = 1; k < 20; ++k) {
    const double radius = 12.0 + (2.0 - 12.0) * double(k) / 20.0;
    std::size_t area = 0;
    for (std::size_t j = 0; j < 64; ++j) {
      for (std::size_t i = 0; i < 64; ++i) {
        const double r = std::hypot((double(i) - 32.0) * 0.5, (double(j) - 32.0) * 0.5);
        const bool labelled = map.at(i, j, k) == 1;
        area += labelled ? 1 : 0;
        // Within half a voxel of the cone's surface either answer is right.
        if (r < radius - 0.5) {
          ASSERT_TRUE(labelled) << i << " " << j << " " << k;
        }
        if (r > radius + 0.5) {
          ASSERT_FALSE(labelled) << i << " " << j << " " << k;
        }
      }
    }
    EXPECT_NEAR(double(area) * 0.25, M_PI * radius * radius, 2.0 * M_PI * radius * 0.5) << k;
  }
}

TEST(FillBetweenSlices, FillsEachGapAndLeavesOtherLabelsAlone) {
  VolumeGeometry grid;
  grid.size = {20, 20, 12};
  LabelMap map(grid);
  const auto square = [&](std::size_t k, std::uint8_t value) {
    map.edit("square", {{5, 5, k}, {15, 15, k + 1}},
             [value](std::size_t, std::size_t, std::size_t, std::uint8_t) { return value; });
  };
  square(0, 1);
  square(4, 1);
  square(5, 1);  // next to slice 4: no gap
  square(10, 1);
  square(7, 2);  // another label in the second gap
  fillBetweenSlices(map, 2, 1);
  for (std::size_t k = 0; k <= 10; ++k) {
    const std::uint8_t expected = k == 7 ? 2 : 1;
    EXPECT_EQ(map.at(10, 10, k), expected) << k;
    EXPECT_EQ(map.at(2, 2, k), 0) << k;
  }
  EXPECT_EQ(map.at(10, 10, 11), 0);
  EXPECT_THROW(fillBetweenSlices(map, 2, 0), Error);
}

}  // namespace
}  // namespace lumen::core
