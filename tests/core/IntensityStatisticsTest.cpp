#include "core/IntensityStatistics.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace lumen::core {
namespace {

Volume ramp(std::size_t n) {
  VolumeGeometry g;
  g.size = {n, 1, 1};
  Volume volume(PixelType::Int32, g);
  auto* v = static_cast<std::int32_t*>(volume.data());
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int32_t>(i);
  return volume;
}

TEST(IntensityStatistics, QuantilesOfARampAreLinear) {
  const Volume volume = ramp(100000);
  const IntensityStatistics stats(volume);
  EXPECT_EQ(stats.minimum(), 0.0);
  EXPECT_EQ(stats.maximum(), 99999.0);
  const double bin = 99999.0 / 4096;
  EXPECT_NEAR(stats.quantile(0.5), 50000.0, bin);
  EXPECT_NEAR(stats.quantile(0.25), 25000.0, bin);
  EXPECT_NEAR(stats.quantile(0.0), 0.0, bin);
  EXPECT_NEAR(stats.quantile(1.0), 99999.0, bin);
}

TEST(IntensityStatistics, DefaultWindowIgnoresRareOutliers) {
  // A CT-like histogram: air and soft tissue, plus 0.05 % metal at 3000 HU.
  VolumeGeometry g;
  g.size = {100, 100, 10};
  Volume volume(PixelType::Int16, g);
  auto* v = static_cast<std::int16_t*>(volume.data());
  for (std::size_t n = 0; n < volume.voxelCount(); ++n) {
    v[n] = n % 2000 == 0 ? 3000 : (n % 2 == 0 ? -1000 : 40);
  }
  const Window window = IntensityStatistics(volume).defaultWindow();
  const double low = window.center - window.width / 2;
  const double high = window.center + window.width / 2;
  EXPECT_NEAR(low, -1000.0, 5.0);
  EXPECT_NEAR(high, 40.0, 5.0);
}

TEST(IntensityStatistics, ConstantVolumeGetsAUsableWindow) {
  VolumeGeometry g;
  g.size = {8, 8, 8};
  Volume volume(PixelType::UInt8, g);
  auto* v = static_cast<std::uint8_t*>(volume.data());
  for (std::size_t n = 0; n < volume.voxelCount(); ++n) v[n] = 7;
  const Window window = IntensityStatistics(volume).defaultWindow();
  EXPECT_NEAR(window.center, 7.0, 1e-9);
  EXPECT_GE(window.width, 1.0);
}

}  // namespace
}  // namespace lumen::core
