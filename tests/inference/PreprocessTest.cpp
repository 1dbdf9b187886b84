#include "inference/Preprocess.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace lumen::inference {
namespace {

constexpr std::int64_t kI = 4;
constexpr std::int64_t kJ = 3;
constexpr std::int64_t kK = 2;

/// A stored value that tells where it sits: 100·k + 10·j + i, offset by `base`.
template <typename T>
std::vector<T> coded(double base) {
  std::vector<T> voxels;
  for (std::int64_t k = 0; k < kK; ++k) {
    for (std::int64_t j = 0; j < kJ; ++j) {
      for (std::int64_t i = 0; i < kI; ++i) {
        voxels.push_back(static_cast<T>(base + 100.0 * k + 10.0 * j + i));
      }
    }
  }
  return voxels;
}

ImageInput inputOf(const void* voxels, VoxelType type) {
  ImageInput image;
  image.voxels = voxels;
  image.type = type;
  image.geometry.size = {kI, kJ, kK};
  return image;
}

float at3(const at::Tensor& t, std::int64_t i, std::int64_t j, std::int64_t k) {
  return t.index({k, j, i}).item<float>();
}

template <typename T>
void expectCoded(VoxelType type, double base) {
  const std::vector<T> voxels = coded<T>(base);
  const at::Tensor t = toTensor(inputOf(voxels.data(), type));
  EXPECT_EQ(t.sizes().vec(), (std::vector<std::int64_t>{kK, kJ, kI}));
  EXPECT_EQ(t.scalar_type(), at::kFloat);
  EXPECT_FLOAT_EQ(at3(t, 0, 0, 0), static_cast<float>(base));
  EXPECT_FLOAT_EQ(at3(t, 3, 0, 0), static_cast<float>(base + 3));
  EXPECT_FLOAT_EQ(at3(t, 0, 2, 0), static_cast<float>(base + 20));
  EXPECT_FLOAT_EQ(at3(t, 1, 2, 1), static_cast<float>(base + 121));
  EXPECT_FLOAT_EQ(at3(t, 3, 2, 1), static_cast<float>(base + 123));
}

TEST(PreprocessToTensor, Int16IsZYXWithValuesAtTheirIJK) {
  expectCoded<std::int16_t>(VoxelType::Int16, -1024.0);
}

TEST(PreprocessToTensor, UInt8IsZYXWithValuesAtTheirIJK) {
  expectCoded<std::uint8_t>(VoxelType::UInt8, 5.0);
}

TEST(PreprocessToTensor, Float64IsZYXWithValuesAtTheirIJK) {
  expectCoded<double>(VoxelType::Float64, -0.5);
}

TEST(PreprocessToTensor, UnsignedValuesAboveTheSignedRangeStayPositive) {
  const std::vector<std::uint16_t> u16 = coded<std::uint16_t>(65000.0);
  EXPECT_FLOAT_EQ(at3(toTensor(inputOf(u16.data(), VoxelType::UInt16)), 3, 2, 1), 65123.0F);
  const std::vector<std::uint32_t> u32 = coded<std::uint32_t>(4000000000.0);
  EXPECT_FLOAT_EQ(at3(toTensor(inputOf(u32.data(), VoxelType::UInt32)), 3, 2, 1), 4000000123.0F);
}

TEST(PreprocessToTensor, CopiesEvenFloat32Voxels) {
  std::vector<float> voxels = coded<float>(1.0);
  const at::Tensor t = toTensor(inputOf(voxels.data(), VoxelType::Float32));
  voxels[0] = 999.0F;
  EXPECT_FLOAT_EQ(at3(t, 0, 0, 0), 1.0F);
}

TEST(PreprocessToTensor, RejectsNullVoxelsAndNonPositiveSizes) {
  EXPECT_THROW(toTensor(inputOf(nullptr, VoxelType::Int16)), std::invalid_argument);
  const std::vector<std::int16_t> voxels = coded<std::int16_t>(0.0);
  ImageInput image = inputOf(voxels.data(), VoxelType::Int16);
  image.geometry.size = {kI, 0, kK};
  EXPECT_THROW(toTensor(image), std::invalid_argument);
  image.geometry.size = {-1, kJ, kK};
  EXPECT_THROW(toTensor(image), std::invalid_argument);
}

IntensityTransform window(double center, double width) {
  IntensityTransform t;
  t.kind = IntensityTransform::Kind::Window;
  t.center = center;
  t.width = width;
  return t;
}

TEST(PreprocessIntensity, WindowMapsItsEdgesToZeroAndOneAndClamps) {
  const at::Tensor hu = torch::tensor({-2000.0F, -160.0F, 40.0F, 240.0F, 140.0F, 3000.0F});
  const at::Tensor out = applyIntensity(hu, window(40.0, 400.0));
  const std::vector<float> expected{0.0F, 0.0F, 0.5F, 1.0F, 0.75F, 1.0F};
  ASSERT_EQ(out.numel(), 6);
  for (std::int64_t n = 0; n < 6; ++n) {
    EXPECT_NEAR(out[n].item<float>(), expected[static_cast<std::size_t>(n)], 1e-6) << n;
  }
  EXPECT_THROW(applyIntensity(hu, window(40.0, 0.0)), std::invalid_argument);
}

TEST(PreprocessIntensity, ZScoreGivesMeanZeroStdOne) {
  IntensityTransform t;
  t.kind = IntensityTransform::Kind::ZScore;
  const at::Tensor values = torch::arange(24, torch::kFloat).reshape({2, 3, 4}) * 7.0 + 300.0;
  const at::Tensor out = applyIntensity(values, t);
  EXPECT_NEAR(out.mean().item<float>(), 0.0F, 1e-5);
  const at::Tensor centred = out - out.mean();
  EXPECT_NEAR((centred * centred).mean().sqrt().item<float>(), 1.0F, 1e-5);
  EXPECT_LT(out.index({0, 0, 0}).item<float>(), out.index({1, 2, 3}).item<float>());
}

TEST(PreprocessIntensity, ZScoreOfAConstantImageIsZero) {
  IntensityTransform t;
  t.kind = IntensityTransform::Kind::ZScore;
  const at::Tensor out = applyIntensity(torch::full({3, 3}, 42.0F), t);
  EXPECT_FLOAT_EQ(out.abs().max().item<float>(), 0.0F);
}

TEST(PreprocessIntensity, ScaleOffsetAndNone) {
  IntensityTransform t;
  t.kind = IntensityTransform::Kind::ScaleOffset;
  t.scale = 0.001;
  t.offset = 1.0;
  const at::Tensor values = torch::tensor({-1000.0F, 0.0F, 500.0F});
  const at::Tensor out = applyIntensity(values, t);
  EXPECT_NEAR(out[0].item<float>(), 0.0F, 1e-6);
  EXPECT_NEAR(out[1].item<float>(), 1.0F, 1e-6);
  EXPECT_NEAR(out[2].item<float>(), 1.5F, 1e-6);
  EXPECT_TRUE(applyIntensity(values, IntensityTransform{}).equal(values));
}

TEST(PreprocessChannels, RepeatsGreyIntoEveryChannel) {
  const at::Tensor grey = torch::arange(6, torch::kFloat).reshape({2, 3});
  const at::Tensor out = fillChannels(grey, 3, true, IntensityTransform{});
  EXPECT_EQ(out.sizes().vec(), (std::vector<std::int64_t>{3, 2, 3}));
  for (std::int64_t c = 0; c < 3; ++c) {
    EXPECT_TRUE(out[c].equal(grey)) << c;
  }
  EXPECT_TRUE(out.is_contiguous());
}

TEST(PreprocessChannels, PutsGreyIntoTheFirstChannelAndZerosElsewhere) {
  const at::Tensor grey = torch::arange(1, 7, torch::kFloat).reshape({2, 3});
  const at::Tensor out = fillChannels(grey, 3, false, IntensityTransform{});
  EXPECT_EQ(out.sizes().vec(), (std::vector<std::int64_t>{3, 2, 3}));
  EXPECT_TRUE(out[0].equal(grey));
  EXPECT_FLOAT_EQ(out[1].abs().sum().item<float>(), 0.0F);
  EXPECT_FLOAT_EQ(out[2].abs().sum().item<float>(), 0.0F);
}

TEST(PreprocessChannels, NormalisesEachChannelWithItsMeanAndStd) {
  IntensityTransform t;
  t.channelMean = {0.485, 0.456, 0.406};
  t.channelStd = {0.229, 0.224, 0.225};
  const at::Tensor grey = torch::tensor({0.0F, 0.5F, 1.0F}).reshape({1, 3});
  const at::Tensor out = fillChannels(grey, 3, true, t);
  for (std::size_t c = 0; c < 3; ++c) {
    for (std::int64_t x = 0; x < 3; ++x) {
      const double v = 0.5 * static_cast<double>(x);
      const double expected = (v - t.channelMean[c]) / t.channelStd[c];
      EXPECT_NEAR(out.index({static_cast<std::int64_t>(c), 0, x}).item<float>(), expected, 1e-5)
          << c << "," << x;
    }
  }
  const at::Tensor first = fillChannels(grey, 3, false, t);
  EXPECT_NEAR(first.index({1, 0, 2}).item<float>(), -0.456 / 0.224, 1e-5);
}

TEST(PreprocessChannels, RejectsBadChannelCounts) {
  const at::Tensor grey = torch::zeros({2, 2});
  EXPECT_THROW(fillChannels(grey, 0, true, IntensityTransform{}), std::invalid_argument);
  IntensityTransform t;
  t.channelMean = {0.5, 0.5};
  t.channelStd = {0.25, 0.25};
  EXPECT_THROW(fillChannels(grey, 3, true, t), std::invalid_argument);
}

}  // namespace
}  // namespace lumen::inference
