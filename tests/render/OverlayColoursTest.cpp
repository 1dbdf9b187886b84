#include "render/OverlayColours.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "render/OverlayGeometry.h"

namespace lumen::render {
namespace {

double luminance(const std::array<double, 3>& c) {
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

TEST(HeatmapColour, RunsFromNearBlackToPaleYellowGettingSteadilyLighter) {
  const auto low = heatmapColour(0.0);
  for (double c : low) EXPECT_LT(c, 0.05);
  const auto high = heatmapColour(1.0);
  EXPECT_GT(high[0], 0.95);
  EXPECT_GT(high[1], 0.95);
  EXPECT_GT(high[2], 0.5);
  EXPECT_LT(high[2], 0.8);
  // Halfway it is a red-purple: red leads, green lowest.
  const auto middle = heatmapColour(0.5);
  EXPECT_GT(middle[0], middle[2]);
  EXPECT_GT(middle[2], middle[1]);
  double previous = -1.0;
  for (int n = 0; n <= 100; ++n) {
    const double l = luminance(heatmapColour(n / 100.0));
    EXPECT_GT(l, previous) << "at " << n / 100.0;
    previous = l;
  }
}

TEST(HeatmapColour, ClampsValuesOutsideZeroToOne) {
  EXPECT_EQ(heatmapColour(-3.0), heatmapColour(0.0));
  EXPECT_EQ(heatmapColour(7.0), heatmapColour(1.0));
  EXPECT_EQ(heatmapColour(std::numeric_limits<double>::quiet_NaN()), heatmapColour(0.0));
}

TEST(LabelColour, GivesEachLabelOfThePaletteADistinctColourAndRepeatsAfterIt) {
  const int size = labelPaletteSize();
  ASSERT_GE(size, 8);
  for (int a = 1; a <= size; ++a) {
    for (int b = a + 1; b <= size; ++b) {
      const auto ca = labelColour(a);
      const auto cb = labelColour(b);
      double largest = 0.0;
      for (int c = 0; c < 3; ++c) largest = std::max(largest, std::abs(ca[c] - cb[c]));
      EXPECT_GT(largest, 0.2) << "labels " << a << " and " << b;
    }
  }
  EXPECT_EQ(labelColour(1 + size), labelColour(1));
  EXPECT_EQ(labelColour(0), (std::array<double, 3>{0.0, 0.0, 0.0}));
}

core::VolumeGeometry someGrid() {
  core::VolumeGeometry g;
  g.size = {20, 30, 10};
  g.spacing = {0.7, 0.7, 2.5};
  g.origin = {-100.0, 20.0, 300.0};
  g.direction = {{{0, 1, 0}, {1, 0, 0}, {0, 0, -1}}};
  return g;
}

TEST(OverlayGeometry, AcceptsOnlyTheSameGridWithinRounding) {
  const core::VolumeGeometry g = someGrid();
  core::VolumeGeometry nearly = g;
  nearly.origin[2] += 1e-6;
  nearly.spacing[0] += 1e-7;
  EXPECT_TRUE(sameGrid(g, nearly));
  core::VolumeGeometry moved = g;
  moved.origin[1] += 0.01;
  EXPECT_FALSE(sameGrid(g, moved));
  core::VolumeGeometry finer = g;
  finer.spacing[2] = 2.4;
  EXPECT_FALSE(sameGrid(g, finer));
  core::VolumeGeometry flipped = g;
  flipped.direction[2][2] = 1.0;
  EXPECT_FALSE(sameGrid(g, flipped));
  core::VolumeGeometry bigger = g;
  bigger.size[0] = 21;
  EXPECT_FALSE(sameGrid(g, bigger));
}

TEST(OverlayGeometry, SaysWhyAnOverlayCannotBeShown) {
  const core::Volume shown(core::PixelType::Int16, someGrid());
  EXPECT_EQ(heatmapProblem(core::Volume(core::PixelType::UInt8, someGrid()), shown), "");
  EXPECT_EQ(heatmapProblem(core::Volume(core::PixelType::Float32, someGrid()), shown), "");
  EXPECT_EQ(labelMapProblem(core::Volume(core::PixelType::UInt8, someGrid()), shown), "");
  EXPECT_NE(heatmapProblem(core::Volume(core::PixelType::Int16, someGrid()), shown), "");
  EXPECT_NE(heatmapProblem(core::Volume(core::PixelType::UInt8, someGrid(), 3), shown), "");
  EXPECT_NE(labelMapProblem(core::Volume(core::PixelType::Float32, someGrid()), shown), "");
  core::VolumeGeometry moved = someGrid();
  moved.origin[0] = 0.0;
  const std::string problem = heatmapProblem(core::Volume(core::PixelType::UInt8, moved), shown);
  EXPECT_NE(problem.find("another grid"), std::string::npos) << problem;
}

}  // namespace
}  // namespace lumen::render
