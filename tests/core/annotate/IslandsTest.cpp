#include "core/annotate/Islands.h"

#include <gtest/gtest.h>

#include "core/Error.h"

namespace lumen::core {
namespace {

/// Label 1 in three islands of 27, 8 and 1 voxels (the last touching the second only at a
/// corner), and label 2 in one of 8.
LabelMap threeIslands() {
  VolumeGeometry grid;
  grid.size = {16, 16, 16};
  LabelMap map(grid);
  const auto cube = [&](Size3 low, std::size_t side, std::uint8_t value) {
    map.edit("cube", {low, {low[0] + side, low[1] + side, low[2] + side}},
             [value](std::size_t, std::size_t, std::size_t, std::uint8_t) { return value; });
  };
  cube({1, 1, 1}, 3, 1);
  cube({8, 8, 8}, 2, 1);
  cube({10, 10, 10}, 1, 1);
  cube({12, 1, 1}, 2, 2);
  return map;
}

TEST(Islands, KeepLargestClearsTheRestOfThatLabelOnly) {
  LabelMap map = threeIslands();
  const LabelEdit edit = keepLargestIsland(map, 1);
  EXPECT_EQ(edit.description, "Keep largest island");
  EXPECT_EQ(map.count(1), 27u);
  EXPECT_EQ(map.at(2, 2, 2), 1);
  EXPECT_EQ(map.at(10, 10, 10), 0);
  EXPECT_EQ(map.count(2), 8u);
}

TEST(Islands, RemoveSmallKeepsIslandsOfTheMinimumSize) {
  LabelMap map = threeIslands();
  removeSmallIslands(map, 1, 8);
  EXPECT_EQ(map.count(1), 35u);
  EXPECT_EQ(map.at(10, 10, 10), 0);
  EXPECT_EQ(map.at(9, 9, 9), 1);
  EXPECT_TRUE(removeSmallIslands(map, 3, 8).changedNothing());  // no such label
  EXPECT_THROW(keepLargestIsland(map, 0), Error);
}

}  // namespace
}  // namespace lumen::core
