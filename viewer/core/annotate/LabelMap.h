#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/Volume.h"

namespace lumen::core {

/// A box of voxels: lower ≤ (i, j, k) < upper on every axis. Empty when any upper ≤ lower.
struct VoxelBox {
  Size3 lower{0, 0, 0};
  Size3 upper{0, 0, 0};

  bool empty() const;
  std::size_t voxelCount() const;
  bool contains(std::size_t i, std::size_t j, std::size_t k) const {
    return i >= lower[0] && i < upper[0] && j >= lower[1] && j < upper[1] && k >= lower[2] &&
           k < upper[2];
  }
  /// Where voxel (i, j, k), inside the box, lies among the box's voxels listed i fastest.
  std::size_t indexOf(std::size_t i, std::size_t j, std::size_t k) const {
    return ((k - lower[2]) * (upper[1] - lower[1]) + (j - lower[1])) * (upper[0] - lower[0]) +
           (i - lower[0]);
  }
  /// The part of this box inside a grid of `size` voxels.
  VoxelBox clippedTo(const Size3& size) const;
  /// The smallest box holding both (the other one when this is empty).
  VoxelBox unitedWith(const VoxelBox& other) const;
  bool operator==(const VoxelBox& other) const;
};

/// The smallest box around the voxels of a grid of `size` for which `holds(n)` is true, n being
/// the voxel's position i fastest; empty when there is none.
template <typename Holds>
VoxelBox boxAround(const Size3& size, Holds&& holds) {
  VoxelBox box{{size[0], size[1], size[2]}, {0, 0, 0}};
  std::size_t n = 0;
  for (std::size_t k = 0; k < size[2]; ++k) {
    for (std::size_t j = 0; j < size[1]; ++j) {
      for (std::size_t i = 0; i < size[0]; ++i, ++n) {
        if (!holds(n)) continue;
        const Size3 at{i, j, k};
        for (int a = 0; a < 3; ++a) {
          box.lower[a] = std::min(box.lower[a], at[a]);
          box.upper[a] = std::max(box.upper[a], at[a] + 1);
        }
      }
    }
  }
  return box.empty() ? VoxelBox{} : box;
}

/// One edit of a label map, kept as the voxels of the smallest box around what it changed, before
/// and after: enough to undo and redo it, and no larger than the region it touched.
struct LabelEdit {
  std::string description;           ///< what the user did ("Brush", "Region growing")
  VoxelBox box;                      ///< empty when the edit changed nothing
  std::vector<std::uint8_t> before;  ///< the box's voxels before, i fastest, then j, then k
  std::vector<std::uint8_t> after;   ///< the same voxels after

  bool changedNothing() const { return box.empty(); }
  /// Memory the edit holds, in bytes.
  std::size_t byteSize() const { return before.size() + after.size() + description.size(); }
};

/// The labels drawn on one image volume: one uint8 per voxel on the volume's own grid (same size,
/// spacing, origin and direction), 0 where nothing is labelled and a label's value (1–255)
/// elsewhere. Every change goes through edit(), which returns a LabelEdit for the history.
/// Not thread-safe: it belongs to the GUI thread, which hands copies to background jobs.
class LabelMap {
 public:
  /// An empty map (all 0) on `geometry`. Throws Error(InvalidGeometry) or Error(VolumeTooLarge)
  /// as Volume does.
  explicit LabelMap(const VolumeGeometry& geometry);
  /// A map holding `voxels` (i fastest, one per voxel of `geometry`), as read from a file. Throws
  /// as above, and Error(InvalidArgument) when the count does not match the grid.
  LabelMap(const VolumeGeometry& geometry, const std::vector<std::uint8_t>& voxels);

  const VolumeGeometry& geometry() const { return m_voxels.geometry(); }
  const Size3& size() const { return m_voxels.size(); }
  /// The voxels as a uint8 volume, for drawing outlines and writing files.
  const Volume& volume() const { return m_voxels; }
  const std::uint8_t* data() const { return static_cast<const std::uint8_t*>(m_voxels.data()); }

  std::uint8_t at(std::size_t i, std::size_t j, std::size_t k) const {
    return data()[m_voxels.offset(i, j, k)];
  }
  /// Voxels whose value is `value`.
  std::size_t count(std::uint8_t value) const;

  /// The voxels of `box` (which must lie inside the map), i fastest.
  std::vector<std::uint8_t> voxelsIn(const VoxelBox& box) const;

  /// True when `image` has this map's grid: same size, and spacing, origin and direction equal
  /// to within 1e-4 mm (or 1e-6 for direction cosines).
  bool sharesGridWith(const VolumeGeometry& image) const;

  /// Calls `paint(i, j, k, value)` for every voxel of `box` (clipped to the map), i fastest, and
  /// stores the value it returns. Returns the edit, its box shrunk to the voxels that changed.
  template <typename Paint>
  LabelEdit edit(std::string description, const VoxelBox& box, Paint&& paint) {
    const VoxelBox inside = box.clippedTo(size());
    std::vector<std::uint8_t> before = voxelsIn(inside);
    std::uint8_t* voxels = mutableData();
    for (std::size_t k = inside.lower[2]; k < inside.upper[2]; ++k) {
      for (std::size_t j = inside.lower[1]; j < inside.upper[1]; ++j) {
        std::uint8_t* row = voxels + m_voxels.offset(0, j, k);
        for (std::size_t i = inside.lower[0]; i < inside.upper[0]; ++i) {
          row[i] = static_cast<std::uint8_t>(paint(i, j, k, row[i]));
        }
      }
    }
    return finishEdit(std::move(description), inside, before);
  }

  /// Puts back the voxels `edit` changed as they were before it.
  void undo(const LabelEdit& edit);
  /// Applies `edit` again.
  void redo(const LabelEdit& edit);

 private:
  std::uint8_t* mutableData() { return static_cast<std::uint8_t*>(m_voxels.data()); }
  void writeBox(const VoxelBox& box, const std::vector<std::uint8_t>& values);
  LabelEdit finishEdit(std::string description, const VoxelBox& box,
                       const std::vector<std::uint8_t>& before) const;

  Volume m_voxels;
};

}  // namespace lumen::core
