#include "core/SyntheticChestCt.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

namespace lumen::core {
namespace {

double valueAtWorld(const Volume& volume, const Vec3& lps) {
  const Vec3 index = volume.worldToIndex(lps);
  return volume.valueAt(static_cast<std::size_t>(std::lround(index[0])),
                        static_cast<std::size_t>(std::lround(index[1])),
                        static_cast<std::size_t>(std::lround(index[2])));
}

TEST(SyntheticChestCt, AnatomyIsWhereTheLandmarksSay) {
  const auto ct = makeSyntheticChestCt();
  using L = SyntheticChestCtLandmarks;
  EXPECT_EQ(ct->pixelType(), PixelType::Int16);
  EXPECT_NEAR(valueAtWorld(*ct, L::rightLung), -850.0, 13.0);
  EXPECT_NEAR(valueAtWorld(*ct, L::noduleCenter), 50.0, 13.0);
  EXPECT_NEAR(valueAtWorld(*ct, L::spine), 650.0, 13.0);
  EXPECT_EQ(ct->valueAt(0, 0, 0), -1000.0);
  // The nodule is in the patient's right lung: negative x in LPS, surrounded by lung.
  const Vec3 beside{L::noduleCenter[0], L::noduleCenter[1],
                    L::noduleCenter[2] + 2 * L::noduleRadius};
  EXPECT_NEAR(valueAtWorld(*ct, beside), -850.0, 13.0);
}

TEST(SyntheticChestCt, IsDeterministic) {
  const auto a = makeSyntheticChestCt();
  const auto b = makeSyntheticChestCt();
  ASSERT_EQ(a->byteSize(), b->byteSize());
  EXPECT_EQ(std::memcmp(a->data(), b->data(), a->byteSize()), 0);
}

}  // namespace
}  // namespace lumen::core
