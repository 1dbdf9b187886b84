#include "core/annotate/IntensityRange.h"

#include <sstream>
#include <string>

#include "core/Error.h"

namespace lumen::core {

std::vector<std::uint8_t> voxelsInRange(const Volume& image, const VoxelBox& box,
                                        const IntensityRange& range) {
  if (image.components() != 1) {
    throw Error(ErrorCode::InvalidArgument, "intensity ranges apply to grey images, not colour");
  }
  if (!(range.low <= range.high)) {
    std::ostringstream text;
    text << "intensity range " << range.low << " … " << range.high << " is empty";
    throw Error(ErrorCode::InvalidArgument, text.str());
  }
  const VoxelBox inside = box.clippedTo(image.size());
  std::vector<std::uint8_t> mask;
  mask.reserve(inside.voxelCount());
  dispatchPixelType(image.pixelType(), [&](auto zero) {
    using T = decltype(zero);
    const T* voxels = static_cast<const T*>(image.data());
    for (std::size_t k = inside.lower[2]; k < inside.upper[2]; ++k) {
      for (std::size_t j = inside.lower[1]; j < inside.upper[1]; ++j) {
        const T* row = voxels + image.offset(0, j, k);
        for (std::size_t i = inside.lower[0]; i < inside.upper[0]; ++i) {
          mask.push_back(range.contains(static_cast<double>(row[i])) ? 1 : 0);
        }
      }
    }
  });
  return mask;
}

void requireSameGrid(const LabelMap& map, const Volume& image, const char* tool) {
  if (map.sharesGridWith(image.geometry())) return;
  const Size3& a = map.size();
  const Size3& b = image.size();
  std::ostringstream text;
  text << tool << ": the image (" << b[0] << "×" << b[1] << "×" << b[2]
       << ") does not lie on the label map's grid (" << a[0] << "×" << a[1] << "×" << a[2] << ")";
  throw Error(ErrorCode::InvalidArgument, text.str());
}

}  // namespace lumen::core
