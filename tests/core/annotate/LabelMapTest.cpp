#include "core/annotate/LabelMap.h"

#include <gtest/gtest.h>

#include "core/Error.h"
#include "core/annotate/EditHistory.h"

namespace lumen::core {
namespace {

VolumeGeometry smallGrid() {
  VolumeGeometry g;
  g.size = {20, 16, 8};
  g.spacing = {0.8, 0.8, 2.0};
  g.origin = {-10.0, 5.0, 30.0};
  return g;
}

/// Sets `value` on the voxels of `box`.
LabelEdit fillBox(LabelMap& map, const VoxelBox& box, std::uint8_t value) {
  return map.edit("Box", box,
                  [value](std::size_t, std::size_t, std::size_t, std::uint8_t) { return value; });
}

TEST(LabelMap, StartsEmptyOnTheVolumesGrid) {
  const LabelMap map(smallGrid());
  EXPECT_EQ(map.count(0), 20u * 16u * 8u);
  EXPECT_TRUE(map.sharesGridWith(smallGrid()));
  VolumeGeometry moved = smallGrid();
  moved.origin[2] += 0.01;
  EXPECT_FALSE(map.sharesGridWith(moved));
  EXPECT_EQ(map.volume().pixelType(), PixelType::UInt8);
}

TEST(LabelMap, AnEditKeepsOnlyTheBoxItChanged) {
  LabelMap map(smallGrid());
  fillBox(map, {{2, 2, 1}, {6, 5, 3}}, 3);
  // Paint label 3 over a larger box that includes the existing 3s: only the new voxels count.
  const LabelEdit edit = fillBox(map, {{2, 2, 1}, {8, 5, 3}}, 3);
  EXPECT_EQ(edit.box, (VoxelBox{{6, 2, 1}, {8, 5, 3}}));
  EXPECT_EQ(edit.before.size(), 2u * 3u * 2u);
  EXPECT_EQ(edit.after, std::vector<std::uint8_t>(12, 3));
  EXPECT_EQ(edit.before, std::vector<std::uint8_t>(12, 0));
  EXPECT_TRUE(fillBox(map, {{2, 2, 1}, {8, 5, 3}}, 3).changedNothing());
}

TEST(LabelMap, BoxesAreClippedToTheMap) {
  LabelMap map(smallGrid());
  const LabelEdit edit = fillBox(map, {{18, 0, 0}, {40, 1, 1}}, 1);
  EXPECT_EQ(edit.box, (VoxelBox{{18, 0, 0}, {20, 1, 1}}));
  EXPECT_EQ(map.count(1), 2u);
}

TEST(LabelMap, UndoAndRedoRoundTrip) {
  LabelMap map(smallGrid());
  fillBox(map, {{0, 0, 0}, {10, 10, 4}}, 1);
  const std::vector<std::uint8_t> first(map.data(), map.data() + map.volume().voxelCount());
  const LabelEdit edit = fillBox(map, {{5, 5, 2}, {15, 12, 6}}, 2);
  const std::vector<std::uint8_t> second(map.data(), map.data() + map.volume().voxelCount());
  map.undo(edit);
  EXPECT_EQ(std::vector<std::uint8_t>(map.data(), map.data() + map.volume().voxelCount()), first);
  map.redo(edit);
  EXPECT_EQ(std::vector<std::uint8_t>(map.data(), map.data() + map.volume().voxelCount()), second);
}

TEST(LabelMap, RefusesAnEditOfALargerMap) {
  VolumeGeometry large = smallGrid();
  large.size = {40, 40, 40};
  LabelMap other(large);
  const LabelEdit edit = fillBox(other, {{30, 30, 30}, {32, 32, 32}}, 1);
  LabelMap map(smallGrid());
  EXPECT_THROW(map.redo(edit), Error);
  EXPECT_EQ(map.count(0), map.volume().voxelCount());
}

TEST(EditHistory, UndoesAndRedoesInOrderAndForgetsRedoOnANewEdit) {
  LabelMap map(smallGrid());
  EditHistory history;
  history.record(fillBox(map, {{0, 0, 0}, {4, 4, 4}}, 1));
  history.record(fillBox(map, {{2, 2, 2}, {6, 6, 6}}, 2));
  EXPECT_EQ(history.undoDescription(), "Box");
  EXPECT_EQ(history.undo(map), (VoxelBox{{2, 2, 2}, {6, 6, 6}}));
  EXPECT_EQ(map.count(2), 0u);
  EXPECT_EQ(map.count(1), 64u);
  history.undo(map);
  EXPECT_EQ(map.count(1), 0u);
  EXPECT_FALSE(history.canUndo());
  history.redo(map);
  EXPECT_EQ(map.count(1), 64u);
  EXPECT_TRUE(history.canRedo());
  history.record(fillBox(map, {{10, 10, 0}, {11, 11, 1}}, 5));
  EXPECT_FALSE(history.canRedo());
  EXPECT_EQ(history.undoCount(), 2u);
}

TEST(EditHistory, IgnoresEditsThatChangedNothing) {
  LabelMap map(smallGrid());
  EditHistory history;
  history.record(fillBox(map, {{0, 0, 0}, {2, 2, 2}}, 0));
  EXPECT_FALSE(history.canUndo());
  EXPECT_EQ(history.recordedCount(), 0u);
}

TEST(EditHistory, ForgetsTheOldestEditsBeyondItsBudget) {
  LabelMap map(smallGrid());
  // Each edit below holds 2 × 64 bytes plus its description.
  EditHistory history(300);
  for (std::uint8_t n = 1; n <= 4; ++n) history.record(fillBox(map, {{0, 0, 0}, {4, 4, 4}}, n));
  EXPECT_EQ(history.undoCount(), 2u);
  EXPECT_EQ(history.recordedCount(), 4u);  // new entries, whether or not the budget kept them
  EXPECT_LE(history.byteSize(), 300u);
  history.undo(map);
  history.undo(map);
  EXPECT_FALSE(history.canUndo());
  EXPECT_EQ(map.count(2), 64u);  // the forgotten edits stay in the map
}

TEST(EditHistory, AStrokeDabByDabUndoesAtOnce) {
  LabelMap map(smallGrid());
  EditHistory history;
  history.record(fillBox(map, {{0, 0, 0}, {3, 3, 1}}, 7));  // an earlier edit
  history.record(fillBox(map, {{1, 1, 0}, {5, 3, 1}}, 2));  // the stroke's first dab
  history.extendLatest(fillBox(map, {{4, 2, 0}, {9, 6, 1}}, 2), map);
  history.extendLatest(fillBox(map, {{8, 5, 0}, {12, 9, 1}}, 3), map);
  EXPECT_EQ(history.undoCount(), 2u);
  history.undo(map);
  EXPECT_EQ(map.count(7), 9u);
  EXPECT_EQ(map.count(2) + map.count(3), 0u);
  history.redo(map);
  EXPECT_EQ(map.at(1, 1, 0), 2);
  EXPECT_EQ(map.at(0, 0, 0), 7);
  EXPECT_EQ(map.at(8, 5, 0), 3);
  EXPECT_EQ(map.at(4, 2, 0), 2);
}

TEST(EditHistory, AStrokeWhoseFirstDabChangedNothingIsAnEditOfItsOwn) {
  LabelMap map(smallGrid());
  EditHistory history;
  history.record(fillBox(map, {{0, 0, 0}, {3, 3, 1}}, 2));  // an earlier stroke
  // The next stroke starts on voxels already 2, then leaves them.
  history.record(fillBox(map, {{0, 0, 0}, {1, 1, 1}}, 2));
  history.extendLatest(fillBox(map, {{5, 5, 0}, {7, 7, 1}}, 2), map);
  EXPECT_EQ(history.undoCount(), 2u);
  history.undo(map);
  EXPECT_EQ(map.count(2), 9u);  // only the second stroke went
}

TEST(EditHistory, AnEndedStrokeIsNotExtendedAndRedoCanBeForgotten) {
  LabelMap map(smallGrid());
  EditHistory history;
  history.record(fillBox(map, {{0, 0, 0}, {2, 2, 1}}, 1));
  history.endStroke();  // e.g. a tool's edit or a box came between
  history.extendLatest(fillBox(map, {{5, 5, 0}, {7, 7, 1}}, 1), map);
  EXPECT_EQ(history.undoCount(), 2u);
  EXPECT_EQ(history.recordedCount(), 2u);
  const std::size_t bytes = history.byteSize();
  history.undo(map);
  EXPECT_TRUE(history.canRedo());
  history.clearRedo();
  EXPECT_FALSE(history.canRedo());
  EXPECT_LT(history.byteSize(), bytes);
  EXPECT_EQ(map.count(1), 4u);
}

}  // namespace
}  // namespace lumen::core
