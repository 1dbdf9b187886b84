#include "core/annotate/IntensityTools.h"

#include <itkConnectedThresholdImageFilter.h>
#include <itkImage.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "core/Error.h"

namespace lumen::core {
namespace {

using Mask = itk::Image<std::uint8_t, 3>;

/// An ITK image over `volume`'s own buffer (no copy); it must not outlive the volume. Geometry is
/// left at ITK's defaults: the filters here work in voxels.
template <typename T>
typename itk::Image<T, 3>::Pointer wrapVoxels(const Volume& volume) {
  using Image = itk::Image<T, 3>;
  typename Image::Pointer image = Image::New();
  typename Image::RegionType region;
  typename Image::SizeType size;
  for (unsigned a = 0; a < 3; ++a) size[a] = volume.size()[a];
  region.SetSize(size);
  image->SetRegions(region);
  image->GetPixelContainer()->SetImportPointer(const_cast<T*>(static_cast<const T*>(volume.data())),
                                               volume.voxelCount(), false);
  return image;
}

/// `range` as values of T: integers inside it; false when it holds none.
template <typename T>
bool storedRange(const IntensityRange& range, T& low, T& high) {
  double first = range.low;
  double last = range.high;
  if (std::numeric_limits<T>::is_integer) {
    first = std::ceil(first);
    last = std::floor(last);
  }
  first = std::max(first, static_cast<double>(std::numeric_limits<T>::lowest()));
  last = std::min(last, static_cast<double>(std::numeric_limits<T>::max()));
  if (first > last) return false;
  low = static_cast<T>(first);
  high = static_cast<T>(last);
  return true;
}

/// The voxels of `grown` that are set, as a label edit of `value` on their bounding box.
LabelEdit labelGrown(LabelMap& map, const std::uint8_t* grown, std::uint8_t value) {
  const VoxelBox box = boxAround(map.size(), [&](std::size_t n) { return grown[n] != 0; });
  const Volume& grid = map.volume();
  return map.edit("Region growing", box,
                  [&](std::size_t i, std::size_t j, std::size_t k, std::uint8_t current) {
                    return grown[grid.offset(i, j, k)] != 0 ? value : current;
                  });
}

}  // namespace

LabelEdit thresholdFill(LabelMap& map, const Volume& image, const IntensityRange& range,
                        std::uint8_t value) {
  requireSameGrid(map, image, "threshold fill");
  const VoxelBox all{{0, 0, 0}, map.size()};
  const std::vector<std::uint8_t> inside = voxelsInRange(image, all, range);
  std::size_t n = 0;
  return map.edit("Threshold fill", all,
                  [&](std::size_t, std::size_t, std::size_t, std::uint8_t current) {
                    return inside[n++] != 0 ? value : current;
                  });
}

LabelEdit growRegion(LabelMap& map, const Volume& image, const Vec3& seedLps,
                     const IntensityRange& range, std::uint8_t value) {
  requireSameGrid(map, image, "region growing");
  const Vec3 index = image.worldToIndex(seedLps);
  Size3 seed{};
  for (int a = 0; a < 3; ++a) {
    const double at = std::round(index[a]);
    if (!(at >= 0.0 && at < static_cast<double>(image.size()[a]))) {
      throw Error(ErrorCode::InvalidArgument, "region growing: the seed lies outside the image");
    }
    seed[a] = static_cast<std::size_t>(at);
  }
  const VoxelBox seedBox{seed, {seed[0] + 1, seed[1] + 1, seed[2] + 1}};
  if (voxelsInRange(image, seedBox, range)[0] == 0) {
    std::ostringstream text;
    text << "region growing: the seed's value " << image.valueAt(seed[0], seed[1], seed[2])
         << " lies outside the range " << range.low << " … " << range.high;
    throw Error(ErrorCode::InvalidArgument, text.str());
  }
  return dispatchPixelType(image.pixelType(), [&](auto zero) {
    using T = decltype(zero);
    using Image = itk::Image<T, 3>;
    T low{};
    T high{};
    storedRange(range, low, high);  // holds at least the seed's value
    using Filter = itk::ConnectedThresholdImageFilter<Image, Mask>;
    typename Filter::Pointer filter = Filter::New();
    filter->SetInput(wrapVoxels<T>(image));
    filter->SetLower(low);
    filter->SetUpper(high);
    filter->SetReplaceValue(1);
    typename Image::IndexType start;
    for (unsigned a = 0; a < 3; ++a) start[a] = static_cast<itk::IndexValueType>(seed[a]);
    filter->AddSeed(start);
    filter->Update();
    return labelGrown(map, filter->GetOutput()->GetBufferPointer(), value);
  });
}

}  // namespace lumen::core
