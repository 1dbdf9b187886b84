#include "core/annotate/Islands.h"

#include <algorithm>
#include <vector>

#include "core/Error.h"

namespace lumen::core {
namespace {

/// The islands of one label inside the box around it: each voxel's island (1, 2, …; 0 for other
/// labels) and each island's voxel count (index 0 unused).
struct Islands {
  VoxelBox box;
  std::vector<std::uint32_t> island;
  std::vector<std::size_t> voxels{0};
};

Islands findIslands(const LabelMap& map, std::uint8_t value) {
  if (value == 0) throw Error(ErrorCode::InvalidArgument, "islands of label 0");
  Islands found;
  found.box = boxAround(map.size(), [&](std::size_t n) { return map.data()[n] == value; });
  if (found.box.empty()) return found;
  const VoxelBox& box = found.box;
  const Size3 extent{box.upper[0] - box.lower[0], box.upper[1] - box.lower[1],
                     box.upper[2] - box.lower[2]};
  const std::vector<std::uint8_t> values = map.voxelsIn(box);
  found.island.assign(values.size(), 0);
  const std::ptrdiff_t steps[3] = {1, static_cast<std::ptrdiff_t>(extent[0]),
                                   static_cast<std::ptrdiff_t>(extent[0] * extent[1])};
  std::vector<std::size_t> queue;
  for (std::size_t start = 0; start < values.size(); ++start) {
    if (values[start] != value || found.island[start] != 0) continue;
    const auto id = static_cast<std::uint32_t>(found.voxels.size());
    found.voxels.push_back(0);
    queue.assign(1, start);
    found.island[start] = id;
    while (!queue.empty()) {
      const std::size_t at = queue.back();
      queue.pop_back();
      ++found.voxels[id];
      const Size3 p{at % extent[0], (at / extent[0]) % extent[1], at / (extent[0] * extent[1])};
      for (int a = 0; a < 3; ++a) {
        for (int side : {-1, 1}) {
          if ((side < 0 && p[a] == 0) || (side > 0 && p[a] + 1 == extent[a])) continue;
          const std::size_t next =
              static_cast<std::size_t>(static_cast<std::ptrdiff_t>(at) + side * steps[a]);
          if (values[next] != value || found.island[next] != 0) continue;
          found.island[next] = id;
          queue.push_back(next);
        }
      }
    }
  }
  return found;
}

LabelEdit clearIslands(LabelMap& map, const Islands& found, const std::vector<bool>& keep,
                       const char* description) {
  std::size_t n = 0;
  return map.edit(description, found.box,
                  [&](std::size_t, std::size_t, std::size_t, std::uint8_t current) {
                    const std::uint32_t island = found.island[n++];
                    return island != 0 && !keep[island] ? std::uint8_t{0} : current;
                  });
}

}  // namespace

LabelEdit keepLargestIsland(LabelMap& map, std::uint8_t value) {
  const Islands found = findIslands(map, value);
  const auto largest = std::max_element(found.voxels.begin(), found.voxels.end());
  std::vector<bool> keep(found.voxels.size(), false);
  keep[static_cast<std::size_t>(largest - found.voxels.begin())] = true;
  return clearIslands(map, found, keep, "Keep largest island");
}

LabelEdit removeSmallIslands(LabelMap& map, std::uint8_t value, std::size_t minimumVoxels) {
  const Islands found = findIslands(map, value);
  std::vector<bool> keep(found.voxels.size(), false);
  for (std::size_t id = 1; id < found.voxels.size(); ++id)
    keep[id] = found.voxels[id] >= minimumVoxels;
  return clearIslands(map, found, keep, "Remove small islands");
}

}  // namespace lumen::core
