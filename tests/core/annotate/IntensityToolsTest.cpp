#include "core/annotate/IntensityTools.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/Error.h"

namespace lumen::core {
namespace {

VolumeGeometry ctGrid() {
  VolumeGeometry g;
  g.size = {48, 40, 32};
  g.spacing = {0.8, 0.8, 1.25};
  g.origin = {-19.2, -16.0, -20.0};
  return g;
}

/// Lung (−850 HU) with two solid spheres (+40 HU) apart from each other: a 7 mm one at the
/// origin and a 4 mm one at (12, 8, 10) mm.
Volume twoNodules() {
  Volume ct(PixelType::Int16, ctGrid());
  auto* hu = static_cast<std::int16_t*>(ct.data());
  for (std::size_t k = 0; k < ct.size()[2]; ++k) {
    for (std::size_t j = 0; j < ct.size()[1]; ++j) {
      for (std::size_t i = 0; i < ct.size()[0]; ++i) {
        const Vec3 p = ct.indexToWorld({double(i), double(j), double(k)});
        const double big = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        const double small = std::sqrt((p[0] - 12) * (p[0] - 12) + (p[1] - 8) * (p[1] - 8) +
                                       (p[2] - 10) * (p[2] - 10));
        hu[ct.offset(i, j, k)] = (big <= 7.0 || small <= 4.0) ? 40 : -850;
      }
    }
  }
  return ct;
}

TEST(IntensityTools, RegionGrowingFillsExactlyTheSphereItStartsIn) {
  const Volume ct = twoNodules();
  LabelMap map(ct.geometry());
  const LabelEdit edit = growRegion(map, ct, {1.0, -0.5, 0.4}, {-100.0, 200.0}, 3);
  EXPECT_EQ(edit.description, "Region growing");
  std::size_t inside = 0;
  for (std::size_t k = 0; k < ct.size()[2]; ++k) {
    for (std::size_t j = 0; j < ct.size()[1]; ++j) {
      for (std::size_t i = 0; i < ct.size()[0]; ++i) {
        const Vec3 p = ct.indexToWorld({double(i), double(j), double(k)});
        const bool big = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]) <= 7.0;
        inside += big ? 1 : 0;
        ASSERT_EQ(map.at(i, j, k), big ? 3 : 0) << i << " " << j << " " << k;
      }
    }
  }
  EXPECT_EQ(map.count(3), inside);
  // The edit holds no more than the sphere's box: 7 mm either side.
  EXPECT_LE(edit.box.voxelCount(), 19u * 19u * 13u);
}

TEST(IntensityTools, RegionGrowingSaysWhenTheSeedIsOutsideTheRange) {
  const Volume ct = twoNodules();
  LabelMap map(ct.geometry());
  try {
    growRegion(map, ct, {-15.0, -12.0, -15.0}, {-100.0, 200.0}, 1);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("-850"), std::string::npos) << e.what();
  }
  EXPECT_THROW(growRegion(map, ct, {500.0, 0.0, 0.0}, {-100.0, 200.0}, 1), Error);
  EXPECT_EQ(map.count(0), map.volume().voxelCount());
}

TEST(IntensityTools, ThresholdFillLabelsEveryVoxelInTheRange) {
  const Volume ct = twoNodules();
  LabelMap map(ct.geometry());
  thresholdFill(map, ct, {0.0, 100.0}, 2);
  const auto* hu = static_cast<const std::int16_t*>(ct.data());
  std::size_t solid = 0;
  for (std::size_t n = 0; n < ct.voxelCount(); ++n) {
    solid += hu[n] == 40 ? 1 : 0;
    ASSERT_EQ(map.data()[n], hu[n] == 40 ? 2 : 0);
  }
  EXPECT_GT(solid, 0u);
  EXPECT_THROW(thresholdFill(map, ct, {100.0, 0.0}, 2), Error);
}

TEST(IntensityTools, RefuseAnImageOnAnotherGrid) {
  const Volume ct = twoNodules();
  VolumeGeometry shifted = ctGrid();
  shifted.origin[0] += 5.0;
  LabelMap map(shifted);
  EXPECT_THROW(thresholdFill(map, ct, {0.0, 100.0}, 2), Error);
  EXPECT_THROW(growRegion(map, ct, {1.0, 0.0, 0.0}, {0.0, 100.0}, 2), Error);
}

TEST(IntensityTools, RegionGrowingWorksOnFloatImages) {
  Volume image(PixelType::Float32, ctGrid());
  auto* v = static_cast<float*>(image.data());
  for (std::size_t n = 0; n < image.voxelCount(); ++n) v[n] = 0.25f;
  v[image.offset(0, 0, 0)] = 0.9f;
  LabelMap map(image.geometry());
  growRegion(map, image, image.indexToWorld({5, 5, 5}), {0.2, 0.3}, 1);
  EXPECT_EQ(map.count(1), image.voxelCount() - 1);
  EXPECT_EQ(map.at(0, 0, 0), 0);
}

}  // namespace
}  // namespace lumen::core
