// Lesions: connected regions of a label map measured in mm, on maps whose answers are known.
#include "inference/Lesions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace lumen::inference {
namespace {

Geometry grid(std::int64_t n, std::array<double, 3> spacing) {
  Geometry g;
  g.size = {n, n, n};
  g.spacing = spacing;
  g.origin = {-10, 20, 5};
  return g;
}

/// Paints a ball of `radiusMm` about voxel `centre` with `value`.
void paintBall(std::vector<std::uint8_t>& map, const Geometry& g, std::array<double, 3> centre,
               double radiusMm, std::uint8_t value) {
  for (std::int64_t k = 0; k < g.size[2]; ++k) {
    for (std::int64_t j = 0; j < g.size[1]; ++j) {
      for (std::int64_t i = 0; i < g.size[0]; ++i) {
        const double x = (i - centre[0]) * g.spacing[0];
        const double y = (j - centre[1]) * g.spacing[1];
        const double z = (k - centre[2]) * g.spacing[2];
        if (x * x + y * y + z * z <= radiusMm * radiusMm)
          map[static_cast<std::size_t>((k * g.size[1] + j) * g.size[0] + i)] = value;
      }
    }
  }
}

TEST(Lesions, TwoBallsAreTwoLesionsMeasuredInMillimetres) {
  const Geometry g = grid(48, {0.5, 0.5, 1.0});
  std::vector<std::uint8_t> map(static_cast<std::size_t>(g.voxelCount()), 0);
  paintBall(map, g, {12, 12, 12}, 5.0, 1);  // 10 mm
  paintBall(map, g, {36, 36, 36}, 3.0, 1);  // 6 mm
  paintBall(map, g, {36, 12, 36}, 4.0, 2);  // another label: not counted
  std::vector<int> lesionOf;
  const std::vector<Lesion> lesions = findLesions(map, g, 1, &lesionOf);
  ASSERT_EQ(lesions.size(), 2u);
  EXPECT_EQ(lesions[0].value, 1);
  const Lesion& big = lesions[0];
  const Lesion& small = lesions[1];
  EXPECT_NEAR(big.volumeMm3, 4.0 / 3.0 * M_PI * 125.0, 0.08 * 4.0 / 3.0 * M_PI * 125.0);
  EXPECT_NEAR(small.volumeMm3, 4.0 / 3.0 * M_PI * 27.0, 0.15 * 4.0 / 3.0 * M_PI * 27.0);
  EXPECT_NEAR(big.longestDiameterMm, 10.0, 1.0);
  EXPECT_NEAR(small.longestDiameterMm, 6.0, 1.0);
  // Centres in LPS: origin + spacing ⊙ index.
  EXPECT_NEAR(big.centreLps[0], -10 + 12 * 0.5, 1e-9);
  EXPECT_NEAR(big.centreLps[1], 20 + 12 * 0.5, 1e-9);
  EXPECT_NEAR(big.centreLps[2], 5 + 12 * 1.0, 1e-9);
  EXPECT_EQ(big.first[2], 7);
  EXPECT_EQ(big.last[2], 17);
  const auto at = [&](std::int64_t i, std::int64_t j, std::int64_t k) {
    return lesionOf[static_cast<std::size_t>((k * 48 + j) * 48 + i)];
  };
  EXPECT_EQ(at(12, 12, 12), 0);
  EXPECT_EQ(at(36, 36, 36), 1);
  EXPECT_EQ(at(36, 12, 36), -1);
  EXPECT_EQ(at(0, 0, 0), -1);
}

TEST(Lesions, DiagonalNeighboursAreOneLesion) {
  const Geometry g = grid(4, {1, 1, 1});
  std::vector<std::uint8_t> map(64, 0);
  map[0] = 1;                    // (0, 0, 0)
  map[(1 * 4 + 1) * 4 + 1] = 1;  // (1, 1, 1): touches it at a corner
  map[63] = 1;                   // (3, 3, 3): two voxels away
  const std::vector<Lesion> lesions = findLesions(map, g, 1);
  ASSERT_EQ(lesions.size(), 2u);
  EXPECT_EQ(lesions[0].voxels, 2);
  // Face to face across the cube of two voxels on its diagonal: √3 + √3 mm.
  EXPECT_NEAR(lesions[0].longestDiameterMm, 2.0 * std::sqrt(3.0), 1e-9);
  EXPECT_EQ(lesions[1].voxels, 1);
  EXPECT_NEAR(lesions[1].longestDiameterMm, 1.0, 1e-9);  // one voxel: its width
}

TEST(Lesions, EveryLabelInOnePassByValueThenSize) {
  const Geometry g = grid(32, {1, 1, 1});
  std::vector<std::uint8_t> map(static_cast<std::size_t>(g.voxelCount()), 0);
  paintBall(map, g, {8, 8, 8}, 3.0, 2);
  paintBall(map, g, {24, 24, 24}, 5.0, 2);
  paintBall(map, g, {8, 24, 8}, 4.0, 1);
  paintBall(map, g, {11, 8, 8}, 1.5, 1);  // label 1 inside label 2's ball: a region of its own
  const std::vector<Lesion> lesions = findLesions(map.data(), g);
  ASSERT_EQ(lesions.size(), 4u);
  EXPECT_EQ(lesions[0].value, 1);
  EXPECT_EQ(lesions[1].value, 1);
  EXPECT_GT(lesions[0].voxels, lesions[1].voxels);
  EXPECT_EQ(lesions[2].value, 2);
  EXPECT_EQ(lesions[3].value, 2);
  EXPECT_GT(lesions[2].voxels, lesions[3].voxels);
  EXPECT_NEAR(lesions[2].centreLps[0], -10 + 24.0, 1e-9);
}

TEST(Lesions, AnEmptyMapHasNone) {
  const Geometry g = grid(8, {1, 1, 1});
  EXPECT_TRUE(findLesions(std::vector<std::uint8_t>(512, 0), g, 1).empty());
}

TEST(Lesions, AMapOfTheWrongSizeIsRefused) {
  const Geometry g = grid(8, {1, 1, 1});
  EXPECT_THROW(findLesions(std::vector<std::uint8_t>(100, 1), g, 1), std::invalid_argument);
}

}  // namespace
}  // namespace lumen::inference
