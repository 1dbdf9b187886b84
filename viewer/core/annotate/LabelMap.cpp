#include "core/annotate/LabelMap.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "core/Error.h"

namespace lumen::core {

bool VoxelBox::empty() const {
  for (int a = 0; a < 3; ++a) {
    if (upper[a] <= lower[a]) return true;
  }
  return false;
}

std::size_t VoxelBox::voxelCount() const {
  if (empty()) return 0;
  return (upper[0] - lower[0]) * (upper[1] - lower[1]) * (upper[2] - lower[2]);
}

VoxelBox VoxelBox::clippedTo(const Size3& size) const {
  VoxelBox box;
  for (int a = 0; a < 3; ++a) {
    box.lower[a] = std::min(lower[a], size[a]);
    box.upper[a] = std::min(upper[a], size[a]);
  }
  return box;
}

VoxelBox VoxelBox::unitedWith(const VoxelBox& other) const {
  if (empty()) return other;
  if (other.empty()) return *this;
  VoxelBox box;
  for (int a = 0; a < 3; ++a) {
    box.lower[a] = std::min(lower[a], other.lower[a]);
    box.upper[a] = std::max(upper[a], other.upper[a]);
  }
  return box;
}

bool VoxelBox::operator==(const VoxelBox& other) const {
  return lower == other.lower && upper == other.upper;
}

namespace {

Volume zeroedLabels(const VolumeGeometry& geometry) {
  Volume voxels(PixelType::UInt8, geometry);
  std::memset(voxels.data(), 0, voxels.byteSize());
  return voxels;
}

}  // namespace

LabelMap::LabelMap(const VolumeGeometry& geometry) : m_voxels(zeroedLabels(geometry)) {}

LabelMap::LabelMap(const VolumeGeometry& geometry, const std::vector<std::uint8_t>& voxels)
    : m_voxels(PixelType::UInt8, geometry) {
  if (voxels.size() != m_voxels.voxelCount()) {
    throw Error(ErrorCode::InvalidArgument, std::to_string(voxels.size()) +
                                                " label values for a grid of " +
                                                std::to_string(m_voxels.voxelCount()) + " voxels");
  }
  std::memcpy(m_voxels.data(), voxels.data(), voxels.size());
}

std::size_t LabelMap::count(std::uint8_t value) const {
  return static_cast<std::size_t>(std::count(data(), data() + m_voxels.voxelCount(), value));
}

bool LabelMap::sharesGridWith(const VolumeGeometry& image) const {
  const VolumeGeometry& own = geometry();
  if (own.size != image.size) return false;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(own.spacing[a] - image.spacing[a]) > 1e-4) return false;
    if (std::abs(own.origin[a] - image.origin[a]) > 1e-4) return false;
    for (int b = 0; b < 3; ++b) {
      if (std::abs(own.direction[a][b] - image.direction[a][b]) > 1e-6) return false;
    }
  }
  return true;
}

std::vector<std::uint8_t> LabelMap::voxelsIn(const VoxelBox& box) const {
  std::vector<std::uint8_t> values(box.voxelCount());
  if (values.empty()) return values;
  const std::size_t width = box.upper[0] - box.lower[0];
  std::uint8_t* out = values.data();
  for (std::size_t k = box.lower[2]; k < box.upper[2]; ++k) {
    for (std::size_t j = box.lower[1]; j < box.upper[1]; ++j) {
      std::memcpy(out, data() + m_voxels.offset(box.lower[0], j, k), width);
      out += width;
    }
  }
  return values;
}

void LabelMap::writeBox(const VoxelBox& box, const std::vector<std::uint8_t>& values) {
  if (box.empty()) return;
  if (!(box.clippedTo(size()) == box) || values.size() != box.voxelCount()) {
    throw Error(ErrorCode::InvalidArgument,
                "an edit of another label map: its box or voxel count does not fit this one");
  }
  const std::size_t width = box.upper[0] - box.lower[0];
  const std::uint8_t* in = values.data();
  for (std::size_t k = box.lower[2]; k < box.upper[2]; ++k) {
    for (std::size_t j = box.lower[1]; j < box.upper[1]; ++j) {
      std::memcpy(mutableData() + m_voxels.offset(box.lower[0], j, k), in, width);
      in += width;
    }
  }
}

void LabelMap::undo(const LabelEdit& edit) { writeBox(edit.box, edit.before); }

void LabelMap::redo(const LabelEdit& edit) { writeBox(edit.box, edit.after); }

LabelEdit LabelMap::finishEdit(std::string description, const VoxelBox& box,
                               const std::vector<std::uint8_t>& before) const {
  LabelEdit edit;
  edit.description = std::move(description);
  const std::vector<std::uint8_t> after = voxelsIn(box);
  // The smallest box around the changed voxels, found in box coordinates.
  const Size3 extent{box.upper[0] - box.lower[0], box.upper[1] - box.lower[1],
                     box.upper[2] - box.lower[2]};
  const VoxelBox changed = boxAround(extent, [&](std::size_t n) { return before[n] != after[n]; });
  if (changed.empty()) return edit;
  for (int a = 0; a < 3; ++a) {
    edit.box.lower[a] = box.lower[a] + changed.lower[a];
    edit.box.upper[a] = box.lower[a] + changed.upper[a];
  }
  edit.after = voxelsIn(edit.box);
  // The changed box's voxels before the edit, picked out of the whole box's copy, row by row.
  const auto width = static_cast<std::ptrdiff_t>(edit.box.upper[0] - edit.box.lower[0]);
  edit.before.reserve(edit.box.voxelCount());
  for (std::size_t k = edit.box.lower[2]; k < edit.box.upper[2]; ++k) {
    for (std::size_t j = edit.box.lower[1]; j < edit.box.upper[1]; ++j) {
      const auto row =
          before.begin() + static_cast<std::ptrdiff_t>(box.indexOf(edit.box.lower[0], j, k));
      edit.before.insert(edit.before.end(), row, row + width);
    }
  }
  return edit;
}

}  // namespace lumen::core
