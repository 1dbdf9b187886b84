#include "core/annotate/LabelImport.h"

#include <cmath>
#include <sstream>
#include <vector>

#include "core/Error.h"
#include "core/VolumeFile.h"

namespace lumen::core {
namespace {

std::string describe(const VolumeGeometry& g) {
  std::ostringstream text;
  text << g.size[0] << "×" << g.size[1] << "×" << g.size[2] << " voxels of " << g.spacing[0] << "×"
       << g.spacing[1] << "×" << g.spacing[2] << " mm at (" << g.origin[0] << ", " << g.origin[1]
       << ", " << g.origin[2] << ")";
  return text.str();
}

bool sameGrid(const VolumeGeometry& a, const VolumeGeometry& b) {
  if (a.size != b.size) return false;
  for (int n = 0; n < 3; ++n) {
    if (std::abs(a.spacing[n] - b.spacing[n]) > 1e-3 || std::abs(a.origin[n] - b.origin[n]) > 1e-3)
      return false;
    for (int m = 0; m < 3; ++m) {
      if (std::abs(a.direction[n][m] - b.direction[n][m]) > 1e-4) return false;
    }
  }
  return true;
}

}  // namespace

LabelMap importLabelFile(const std::string& path, const VolumeGeometry& grid,
                         const LabelSchema& schema) {
  const std::unique_ptr<Volume> file = readVolumeFile(path);
  if (file->components() != 1 || !sameGrid(file->geometry(), grid)) {
    throw Error(ErrorCode::InvalidGeometry, path + ": the labels lie on " +
                                                describe(file->geometry()) + ", the series on " +
                                                describe(grid));
  }
  std::vector<std::uint8_t> voxels(file->voxelCount());
  const Size3& size = grid.size;
  std::size_t n = 0;
  for (std::size_t k = 0; k < size[2]; ++k) {
    for (std::size_t j = 0; j < size[1]; ++j) {
      for (std::size_t i = 0; i < size[0]; ++i, ++n) {
        const double v = file->valueAt(i, j, k);
        const bool label = v == std::floor(v) && v >= 0 && v <= 255;
        if (!label || (v != 0 && !schema.label(static_cast<std::uint8_t>(v)))) {
          std::ostringstream text;
          text << path << ": voxel (" << i << ", " << j << ", " << k << ") holds " << v
               << (label ? ", which is not a label of the project" : ", not a label value");
          throw Error(ErrorCode::InvalidArgument, text.str());
        }
        voxels[n] = static_cast<std::uint8_t>(v);
      }
    }
  }
  return LabelMap(grid, voxels);
}

}  // namespace lumen::core
