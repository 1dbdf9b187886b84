#include "render/LabelOutline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace lumen::render {
namespace {

/// 6 × 5 × 3 voxels, 1 mm, at the origin: voxel (i, j, k) is centred at (i, j, k) mm.
std::shared_ptr<core::Volume> emptyLabels() {
  core::VolumeGeometry g;
  g.size = {6, 5, 3};
  auto volume = std::make_shared<core::Volume>(core::PixelType::UInt8, g);
  std::fill_n(static_cast<std::uint8_t*>(volume->data()), volume->voxelCount(), std::uint8_t{0});
  return volume;
}

void set(core::Volume& volume, std::size_t i, std::size_t j, std::size_t k, std::uint8_t label) {
  static_cast<std::uint8_t*>(volume.data())[volume.offset(i, j, k)] = label;
}

double length(const LabelEdge& edge) {
  double sum = 0.0;
  for (int a = 0; a < 3; ++a) sum += (edge.to[a] - edge.from[a]) * (edge.to[a] - edge.from[a]);
  return std::sqrt(sum);
}

TEST(LabelOutline, TracesEachRegionAlongVoxelEdgesInStraightRuns) {
  auto labels = emptyLabels();
  // Label 1: a 2 × 2 square at i, j = 1…2 on slice k = 1; label 2: the column i = 3 beside it.
  for (std::size_t i : {1, 2})
    for (std::size_t j : {1, 2}) set(*labels, i, j, 1, 1);
  set(*labels, 3, 1, 1, 2);
  set(*labels, 3, 2, 1, 2);
  const std::vector<LabelEdge> edges = labelOutline(*labels, 2, 1);
  // Four sides each, the shared side once for each label.
  ASSERT_EQ(edges.size(), 8u);
  double perimeter[3] = {0.0, 0.0, 0.0};
  for (const LabelEdge& edge : edges) {
    ASSERT_TRUE(edge.label == 1 || edge.label == 2);
    perimeter[edge.label] += length(edge);
    for (const core::Vec3& end : {edge.from, edge.to}) {
      EXPECT_DOUBLE_EQ(end[2], 1.0);  // on the slice
      // On voxel edges: halfway between centres.
      EXPECT_DOUBLE_EQ(std::abs(std::fmod(end[0], 1.0)), 0.5);
      EXPECT_DOUBLE_EQ(std::abs(std::fmod(end[1], 1.0)), 0.5);
      if (edge.label == 1) {
        EXPECT_GE(std::min(end[0], end[1]), 0.5);
        EXPECT_LE(std::max(end[0], end[1]), 2.5);
      }
    }
  }
  EXPECT_DOUBLE_EQ(perimeter[1], 8.0);
  EXPECT_DOUBLE_EQ(perimeter[2], 6.0);
  // The other slices hold no labels.
  EXPECT_TRUE(labelOutline(*labels, 2, 0).empty());
  EXPECT_TRUE(labelOutline(*labels, 2, 3).empty());  // outside the volume
}

TEST(LabelOutline, WorksAcrossAnyAxisAndAtTheVolumesEdge) {
  auto labels = emptyLabels();
  // A region touching the volume's edge at j = 0, seen on the sagittal plane i = 5.
  set(*labels, 5, 0, 0, 4);
  set(*labels, 5, 0, 1, 4);
  set(*labels, 5, 0, 2, 4);
  const std::vector<LabelEdge> edges = labelOutline(*labels, 0, 5);
  double perimeter = 0.0;
  for (const LabelEdge& edge : edges) {
    EXPECT_EQ(edge.label, 4);
    EXPECT_DOUBLE_EQ(edge.from[0], 5.0);
    perimeter += length(edge);
  }
  EXPECT_EQ(edges.size(), 4u);
  EXPECT_DOUBLE_EQ(perimeter, 8.0);  // 1 × 3 voxels
}

}  // namespace
}  // namespace lumen::render
