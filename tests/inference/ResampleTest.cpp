#include "inference/Resample.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "inference/Geometry.h"
#include "inference/ModelManifest.h"

namespace lumen::inference {
namespace {

/// A smooth field over LPS space, so linear interpolation of it is nearly exact.
double field(const std::array<double, 3>& p) {
  return 100.0 * std::sin(p[0] / 15.0) + 80.0 * std::cos(p[1] / 20.0) + 2.0 * p[2];
}

at::Tensor sampleField(const Geometry& grid) {
  at::Tensor values = at::empty({grid.size[2], grid.size[1], grid.size[0]}, at::kFloat);
  auto a = values.accessor<float, 3>();
  for (int64_t k = 0; k < grid.size[2]; ++k) {
    for (int64_t j = 0; j < grid.size[1]; ++j) {
      for (int64_t i = 0; i < grid.size[0]; ++i) {
        a[k][j][i] = static_cast<float>(field(voxelToLps(
            grid, {static_cast<double>(i), static_cast<double>(j), static_cast<double>(k)})));
      }
    }
  }
  return values;
}

/// An oblique, anisotropic CT-like grid: turned 20° about S and tilted 10° about L.
Geometry obliqueGrid() {
  Geometry grid;
  grid.size = {48, 40, 24};
  grid.spacing = {0.8, 0.9, 2.0};
  grid.origin = {-20.0, -15.0, -30.0};
  const double a = 20.0 * M_PI / 180.0;
  const double t = 10.0 * M_PI / 180.0;
  // columns: i, j, k; rotation about S then about L
  const std::array<std::array<double, 3>, 3> rz{
      {{std::cos(a), -std::sin(a), 0}, {std::sin(a), std::cos(a), 0}, {0, 0, 1}}};
  const std::array<std::array<double, 3>, 3> rx{
      {{1, 0, 0}, {0, std::cos(t), -std::sin(t)}, {0, std::sin(t), std::cos(t)}}};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      grid.direction[r][c] = 0.0;
      for (int n = 0; n < 3; ++n) grid.direction[r][c] += rx[r][n] * rz[n][c];
    }
  }
  return grid;
}

ModelManifest volumeManifest(ModelOrientation orientation, std::vector<double> spacing) {
  ModelManifest manifest;
  manifest.dimensionality = ModelDimensionality::Volume3d;
  manifest.orientation = orientation;
  manifest.spacingMm = std::move(spacing);
  return manifest;
}

/// True when voxel (i, j, k) of `grid` lies at least `margin` voxels inside `other`.
bool wellInside(const Geometry& grid, const Geometry& other, int64_t i, int64_t j, int64_t k,
                double margin) {
  const auto index = lpsToVoxel(
      other,
      voxelToLps(grid, {static_cast<double>(i), static_cast<double>(j), static_cast<double>(k)}));
  for (std::size_t a = 0; a < 3; ++a) {
    if (index[a] < margin || index[a] > static_cast<double>(other.size[a] - 1) - margin)
      return false;
  }
  return true;
}

TEST(ModelGrid, KeepsAnAxialLpsImageAsItIs) {
  Geometry image;
  image.size = {64, 50, 30};
  image.spacing = {0.7, 0.7, 2.5};
  image.origin = {-22.0, -17.0, 40.0};
  const Geometry grid = modelGrid(image, volumeManifest(ModelOrientation::Lps, {}));
  EXPECT_EQ(grid.size, image.size);
  EXPECT_EQ(grid.spacing, image.spacing);
  for (std::size_t r = 0; r < 3; ++r) {
    EXPECT_NEAR(grid.origin[r], image.origin[r], 1e-9);
    for (std::size_t c = 0; c < 3; ++c) EXPECT_EQ(grid.direction[r][c], image.direction[r][c]);
  }
}

TEST(ModelGrid, RasFlipsLeftRightAndFrontBackAndCoversTheSameField) {
  Geometry image;
  image.size = {64, 50, 30};
  image.spacing = {0.7, 0.7, 2.5};
  const Geometry grid = modelGrid(image, volumeManifest(ModelOrientation::Ras, {1.4, 1.4, 5.0}));
  EXPECT_EQ(grid.size, (std::array<int64_t, 3>{32, 25, 15}));
  EXPECT_EQ(grid.direction[0][0], -1.0);
  EXPECT_EQ(grid.direction[1][1], -1.0);
  EXPECT_EQ(grid.direction[2][2], 1.0);
  // The first voxel sits half a new voxel inside the image's right, anterior, inferior corner.
  EXPECT_NEAR(grid.origin[0], 63.5 * 0.7 - 0.7, 1e-9);
  EXPECT_NEAR(grid.origin[1], 49.5 * 0.7 - 0.7, 1e-9);
  EXPECT_NEAR(grid.origin[2], -1.25 + 2.5, 1e-9);
}

TEST(ModelGrid, ASagittalSeriesIsReorderedToAxialAxes) {
  Geometry image;  // i → P, j → I (rows go down), k → L
  image.size = {40, 30, 20};
  image.direction = {{{0, 0, 1}, {1, 0, 0}, {0, -1, 0}}};
  const Geometry grid = modelGrid(image, volumeManifest(ModelOrientation::Lps, {}));
  EXPECT_EQ(grid.size, (std::array<int64_t, 3>{20, 40, 30}));
  EXPECT_EQ(grid.direction[0][0], 1.0);
  EXPECT_EQ(grid.direction[1][1], 1.0);
  EXPECT_EQ(grid.direction[2][2], 1.0);
}

TEST(ModelGrid, FixedInputSizeStretchesTheFieldOfA2dImage) {
  Geometry image;
  image.size = {2048, 1536, 1};
  image.spacing = {0.17, 0.17, 1.0};
  image.direction = {{{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}};  // a PA chest: rows run down (I)
  ModelManifest manifest;
  manifest.dimensionality = ModelDimensionality::Image2d;
  manifest.inputSize = {224, 224};
  const Geometry grid = modelGrid(image, manifest);
  EXPECT_EQ(grid.size, (std::array<int64_t, 3>{224, 224, 1}));
  EXPECT_NEAR(grid.spacing[0], 2048 * 0.17 / 224, 1e-12);
  EXPECT_NEAR(grid.spacing[1], 1536 * 0.17 / 224, 1e-12);
  EXPECT_EQ(grid.direction, image.direction);  // stored rows and columns kept
}

TEST(Resample, ObliqueLpsVolumeIntoRasAtAnotherSpacingAndBack) {
  const Geometry image = obliqueGrid();
  const at::Tensor values = sampleField(image);
  const Geometry model = modelGrid(image, volumeManifest(ModelOrientation::Ras, {1.1, 1.1, 1.5}));
  // Its axes are the image's, reordered and flipped: i → R is the image's −i, and so on.
  EXPECT_NEAR(model.direction[0][0], -image.direction[0][0], 1e-12);
  EXPECT_NEAR(model.direction[1][1], -image.direction[1][1], 1e-12);

  const at::Tensor onModel = resample(values, image, model, Interpolation::Linear, -1000.0);
  ASSERT_EQ(onModel.sizes().vec(),
            (std::vector<int64_t>{model.size[2], model.size[1], model.size[0]}));
  auto m = onModel.accessor<float, 3>();
  int checked = 0;
  for (int64_t k = 0; k < model.size[2]; ++k) {
    for (int64_t j = 0; j < model.size[1]; ++j) {
      for (int64_t i = 0; i < model.size[0]; ++i) {
        if (!wellInside(model, image, i, j, k, 0.0)) continue;
        const double expected = field(voxelToLps(
            model, {static_cast<double>(i), static_cast<double>(j), static_cast<double>(k)}));
        ASSERT_NEAR(m[k][j][i], expected, 0.5) << i << "," << j << "," << k;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, onModel.numel() / 2);

  const at::Tensor back = resample(onModel, model, image, Interpolation::Linear, -1000.0);
  auto b = back.accessor<float, 3>();
  auto v = values.accessor<float, 3>();
  checked = 0;
  for (int64_t k = 1; k < image.size[2] - 1; ++k) {
    for (int64_t j = 2; j < image.size[1] - 2; ++j) {
      for (int64_t i = 2; i < image.size[0] - 2; ++i) {
        ASSERT_NEAR(b[k][j][i], v[k][j][i], 1.0) << i << "," << j << "," << k;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 20000);
}

TEST(Resample, AxisAlignedRescalingFollowsTheFieldBothWays) {
  Geometry image;
  image.size = {60, 50, 30};
  image.spacing = {0.7, 0.8, 2.5};
  image.origin = {-21.0, -20.0, -35.0};
  const at::Tensor values = sampleField(image);
  const Geometry model = modelGrid(image, volumeManifest(ModelOrientation::Lps, {1.5, 1.5, 2.0}));
  const at::Tensor onModel = resample(values, image, model, Interpolation::Linear, -1000.0);
  auto m = onModel.accessor<float, 3>();
  for (int64_t k = 0; k < model.size[2]; ++k) {
    for (int64_t j = 0; j < model.size[1]; ++j) {
      for (int64_t i = 0; i < model.size[0]; ++i) {
        if (!wellInside(model, image, i, j, k, 1.0)) continue;
        const double expected = field(voxelToLps(
            model, {static_cast<double>(i), static_cast<double>(j), static_cast<double>(k)}));
        ASSERT_NEAR(m[k][j][i], expected, 0.5) << i << "," << j << "," << k;
      }
    }
  }
  // Labels come back by nearest neighbour: each voxel takes the model voxel it lies in.
  const at::Tensor labels = (onModel > 0).to(at::kFloat);
  const at::Tensor back = resample(labels, model, image, Interpolation::Nearest, 0.0);
  auto b = back.accessor<float, 3>();
  auto l = labels.accessor<float, 3>();
  for (int64_t k = 0; k < image.size[2]; k += 3) {
    for (int64_t j = 0; j < image.size[1]; j += 3) {
      for (int64_t i = 0; i < image.size[0]; i += 3) {
        const auto index =
            lpsToVoxel(model, voxelToLps(image, {static_cast<double>(i), static_cast<double>(j),
                                                 static_cast<double>(k)}));
        const auto nearest = [&](std::size_t a) {
          return std::clamp<int64_t>(std::llround(index[a]), 0, model.size[a] - 1);
        };
        ASSERT_EQ(b[k][j][i], l[nearest(2)][nearest(1)][nearest(0)]) << i << "," << j << "," << k;
      }
    }
  }
}

TEST(Resample, PointsOutsideTheImageGetTheOutsideValue) {
  Geometry image;
  image.size = {10, 10, 10};
  Geometry wider = image;
  wider.size = {20, 10, 10};
  wider.origin = {-10.0, 0.0, 0.0};
  const at::Tensor values = at::full({10, 10, 10}, 7.0f);
  const at::Tensor out = resample(values, image, wider, Interpolation::Linear, -1024.0);
  EXPECT_EQ(out.index({5, 5, 0}).item<float>(), -1024.0f);
  EXPECT_EQ(out.index({5, 5, 9}).item<float>(), -1024.0f);
  EXPECT_EQ(out.index({5, 5, 10}).item<float>(), 7.0f);
  EXPECT_EQ(out.index({5, 5, 19}).item<float>(), 7.0f);
}

TEST(Resample, ReorientationWithoutResamplingIsExact) {
  Geometry image;
  image.size = {5, 4, 3};
  image.spacing = {0.5, 0.6, 2.0};
  const at::Tensor values = at::arange(60, at::kFloat).view({3, 4, 5});
  const Geometry ras = modelGrid(image, volumeManifest(ModelOrientation::Ras, {}));
  const at::Tensor out = resample(values, image, ras, Interpolation::Linear, 0.0);
  EXPECT_TRUE(at::equal(out, values.flip({1, 2})));
  EXPECT_TRUE(at::equal(resample(out, ras, image, Interpolation::Linear, 0.0), values));
}

TEST(Resample, NearestKeepsLabelValuesAndChannels) {
  const Geometry image = obliqueGrid();
  at::Tensor labels = at::zeros({image.size[2], image.size[1], image.size[0]}, at::kFloat);
  labels.narrow(2, 10, 20).narrow(1, 5, 20).fill_(1.0f);
  labels.narrow(2, 15, 5).narrow(1, 10, 5).fill_(3.0f);
  const Geometry model = modelGrid(image, volumeManifest(ModelOrientation::Ras, {1.3, 0.7, 1.9}));
  const at::Tensor stacked = at::stack({labels, labels * 2});
  const at::Tensor out = resample(stacked, image, model, Interpolation::Nearest, 0.0);
  ASSERT_EQ(out.size(0), 2);
  const at::Tensor unique = std::get<0>(at::_unique(out[0]));
  EXPECT_TRUE(at::equal(unique, at::tensor({0.0f, 1.0f, 3.0f})));
  EXPECT_TRUE(at::equal(out[1], out[0] * 2));
  // A uint8 label map comes back as uint8 with the same labels.
  const at::Tensor bytes =
      resample(labels.to(at::kByte), image, model, Interpolation::Nearest, 0.0);
  EXPECT_EQ(bytes.scalar_type(), at::kByte);
  EXPECT_TRUE(at::equal(bytes, out[0].to(at::kByte)));
  EXPECT_THROW(resample(labels.to(at::kByte), image, model, Interpolation::Linear, 0.0),
               std::invalid_argument);
}

TEST(Resample, ShrinkingAveragesInsteadOfAliasing) {
  Geometry image;
  image.size = {2048, 2048, 1};
  image.spacing = {0.17, 0.17, 1.0};
  // A one-voxel checkerboard: sampling it every ~9 voxels alone would give 0s or 100s.
  const at::Tensor i = at::arange(2048).view({1, 1, -1});
  const at::Tensor j = at::arange(2048).view({1, -1, 1});
  const at::Tensor values = ((i + j) % 2).to(at::kFloat) * 100.0;
  ModelManifest manifest;
  manifest.dimensionality = ModelDimensionality::Image2d;
  manifest.inputSize = {224, 224};
  const at::Tensor out =
      resample(values, image, modelGrid(image, manifest), Interpolation::Linear, 0.0);
  EXPECT_NEAR(out.min().item<float>(), 50.0f, 1.0f);
  EXPECT_NEAR(out.max().item<float>(), 50.0f, 1.0f);
}

TEST(Resample, RefusesValuesOfAnotherShape) {
  Geometry image;
  image.size = {4, 4, 4};
  EXPECT_THROW(resample(at::zeros({4, 4, 5}), image, image, Interpolation::Linear, 0.0),
               std::invalid_argument);
}

}  // namespace
}  // namespace lumen::inference
