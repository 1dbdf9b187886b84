#include "core/annotate/ModelLabels.h"

#include <cmath>
#include <string>

#include "core/Error.h"

namespace lumen::core {
namespace {

const std::uint8_t* uint8Voxels(const LabelMap& map, const Volume& volume, const char* what) {
  if (volume.pixelType() != PixelType::UInt8 || volume.components() != 1 ||
      !map.sharesGridWith(volume.geometry())) {
    throw Error(ErrorCode::InvalidArgument, std::string("the model's ") + what +
                                                " is not a uint8 volume on the label map's grid");
  }
  return static_cast<const std::uint8_t*>(volume.data());
}

LabelEdit paintWhere(LabelMap& map, const char* description, const std::uint8_t* from,
                     const std::uint8_t (&table)[256]) {
  // Only the box that holds a voxel to paint, so the edit stays small.
  const VoxelBox box = boxAround(map.size(), [&](std::size_t n) { return table[from[n]] != 0; });
  const Volume& grid = map.volume();
  return map.edit(description, box,
                  [&](std::size_t i, std::size_t j, std::size_t k, std::uint8_t current) {
                    const std::uint8_t painted = table[from[grid.offset(i, j, k)]];
                    return painted != 0 ? painted : current;
                  });
}

}  // namespace

LabelEdit labelsFromSegmentation(LabelMap& map, const Volume& segmentation,
                                 const std::map<std::uint8_t, std::uint8_t>& labelOf) {
  const std::uint8_t* from = uint8Voxels(map, segmentation, "segmentation");
  std::uint8_t table[256] = {};
  for (const auto& [segment, label] : labelOf) {
    if (label == 0)
      throw Error(ErrorCode::InvalidArgument,
                  "segment " + std::to_string(segment) + " mapped to label 0");
    if (segment != 0) table[segment] = label;
  }
  return paintWhere(map, "From model", from, table);
}

LabelEdit labelsFromHeatmap(LabelMap& map, const Volume& heatmap, double threshold,
                            std::uint8_t value) {
  const std::uint8_t* from = uint8Voxels(map, heatmap, "heatmap");
  if (!(threshold >= 0.0 && threshold <= 1.0) || value == 0) {
    throw Error(ErrorCode::InvalidArgument,
                "a heatmap threshold from 0 to 1 and a label other than 0");
  }
  // Stored values are round(255 · p): p ≥ threshold where the value is ≥ 255 · threshold.
  const int lowest = static_cast<int>(std::ceil(255.0 * threshold - 1e-9));
  std::uint8_t table[256] = {};
  for (int v = std::max(lowest, 0); v < 256; ++v) table[v] = value;
  return paintWhere(map, "From heatmap", from, table);
}

}  // namespace lumen::core
