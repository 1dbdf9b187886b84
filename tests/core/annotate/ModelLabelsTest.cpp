#include "core/annotate/ModelLabels.h"

#include <gtest/gtest.h>

#include <cstring>

#include "core/Error.h"
#include "core/annotate/EditHistory.h"

namespace lumen::core {
namespace {

VolumeGeometry grid() {
  VolumeGeometry g;
  g.size = {16, 12, 5};
  g.spacing = {0.9, 0.9, 3.0};
  return g;
}

/// A uint8 volume on grid() whose voxel n holds `value(n)`.
template <typename Value>
Volume volumeOf(Value&& value) {
  Volume v(PixelType::UInt8, grid());
  auto* voxels = static_cast<std::uint8_t*>(v.data());
  for (std::size_t n = 0; n < v.voxelCount(); ++n) voxels[n] = value(n);
  return v;
}

TEST(ModelLabels, ASegmentationBecomesProjectLabelsAsOneUndoableEdit) {
  LabelMap map(grid());
  map.edit("drawn", {{0, 0, 0}, {2, 2, 1}}, [](auto, auto, auto, std::uint8_t) { return 9; });
  // Segment 1 everywhere in slice 2, segment 2 at voxel 100, segment 3 (not mapped) at voxel 5.
  const Volume segmentation = volumeOf([](std::size_t n) -> std::uint8_t {
    if (n / (16 * 12) == 2) return 1;
    return n == 100 ? 2 : n == 5 ? 3 : 0;
  });
  EditHistory history;
  history.record(labelsFromSegmentation(map, segmentation, {{1, 4}, {2, 6}}));
  EXPECT_EQ(map.count(4), 16u * 12u);
  EXPECT_EQ(map.data()[100], 6);
  EXPECT_EQ(map.data()[5], 0);
  EXPECT_EQ(map.count(9), 4u);  // the hand-drawn label outside the segments stays
  EXPECT_EQ(history.undoDescription(), "From model");
  history.undo(map);
  EXPECT_EQ(map.count(4) + map.count(6), 0u);
  EXPECT_EQ(map.count(9), 4u);
}

TEST(ModelLabels, AHeatmapAboveTheThresholdBecomesALabel) {
  LabelMap map(grid());
  const Volume heatmap = volumeOf([](std::size_t n) { return static_cast<std::uint8_t>(n % 256); });
  labelsFromHeatmap(map, heatmap, 0.5, 2);
  for (std::size_t n = 0; n < map.volume().voxelCount(); ++n) {
    ASSERT_EQ(map.data()[n], (n % 256) >= 128 ? 2 : 0) << n;  // 128/255 ≥ 0.5 > 127/255
  }
  EXPECT_THROW(labelsFromHeatmap(map, heatmap, 1.5, 2), Error);
  VolumeGeometry other = grid();
  other.size[2] = 6;
  const Volume elsewhere(PixelType::UInt8, other);
  EXPECT_THROW(labelsFromHeatmap(map, elsewhere, 0.5, 2), Error);
  const Volume floats(PixelType::Float32, grid());
  EXPECT_THROW(labelsFromSegmentation(map, floats, {{1, 2}}), Error);
}

}  // namespace
}  // namespace lumen::core
