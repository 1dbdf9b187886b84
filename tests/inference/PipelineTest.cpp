#include "inference/Pipeline.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "TestModels.h"
#include "inference/SlidingWindow.h"

namespace lumen::inference {
namespace {

using testing::TemporaryFolder;

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// A square 2D image of `size` pixels of `spacing` mm, 1 inside the square of `width` pixels
/// whose first row and column is `first`, 0 elsewhere.
struct Radiograph {
  Radiograph(int size, double spacing, int first, int width) : pixels(size * size, 0.0f) {
    for (int j = first; j < first + width; ++j) {
      for (int i = first; i < first + width; ++i)
        pixels[static_cast<std::size_t>(j * size + i)] = 1.0f;
    }
    image.voxels = pixels.data();
    image.type = VoxelType::Float32;
    image.geometry.size = {size, size, 1};
    image.geometry.spacing = {spacing, spacing, 1.0};
  }
  std::vector<float> pixels;
  ImageInput image;
};

InferenceResult runOnCpu(const ModelPackage& package, const ImageInput& image,
                         RunOptions options = {}, const JobControl& control = {}) {
  const auto model = loadTorchScript(package, c10::Device(c10::kCPU), false);
  checkModelAgainstManifest(*model, package.manifest);
  return runModel(*model, package, image, options, control);
}

/// The largest value of `map` (size² values) outside the square [first, first + width)².
float largestOutside(const std::vector<float>& map, int size, int first, int width) {
  float largest = 0.0f;
  for (int j = 0; j < size; ++j) {
    for (int i = 0; i < size; ++i) {
      const bool inside = i >= first && i < first + width && j >= first && j < first + width;
      if (!inside) largest = std::max(largest, map[static_cast<std::size_t>(j * size + i)]);
    }
  }
  return largest;
}

TEST(Pipeline, ClassifierProbabilitiesAndGradCamPeakAreWhereTheModelLooks) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::regionClassifier(folder.path(), R"({"method": "gradcam", "layer": "features"})");
  const Radiograph xray(64, 0.2, testing::kUpperLeftFirst, testing::kRegionWidth);
  const InferenceResult result = runOnCpu(package, xray.image);

  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].label, "upper left");
  EXPECT_NEAR(result.findings[0].probability, sigmoid(2.0), 1e-5);
  EXPECT_TRUE(result.findings[0].positive);
  EXPECT_NEAR(result.findings[1].probability, sigmoid(-2.0), 1e-5);
  EXPECT_FALSE(result.findings[1].positive);
  EXPECT_EQ(result.modelSha256, package.sha256);
  EXPECT_EQ(result.device, "cpu");

  ASSERT_EQ(result.heatmaps.size(), 2u);
  const std::vector<float>& upperLeft = result.heatmaps[0].values;
  ASSERT_EQ(upperLeft.size(), 64u * 64u);
  EXPECT_FLOAT_EQ(*std::max_element(upperLeft.begin(), upperLeft.end()), 1.0f);
  EXPECT_FLOAT_EQ(upperLeft[static_cast<std::size_t>(12 * 64 + 12)], 1.0f);
  EXPECT_LT(largestOutside(upperLeft, 64, testing::kUpperLeftFirst, testing::kRegionWidth), 1e-6f);
  // Nothing bright where "lower right" looks: its map is all zero, not noise scaled up.
  const std::vector<float>& lowerRight = result.heatmaps[1].values;
  EXPECT_EQ(*std::max_element(lowerRight.begin(), lowerRight.end()), 0.0f);
  for (const char* stage : {"read", "preprocess", "model", "heatmaps"}) {
    EXPECT_TRUE(std::any_of(result.timings.begin(), result.timings.end(),
                            [&](const StageTiming& t) { return t.stage == stage; }))
        << stage;
  }
}

TEST(Pipeline, AnImageOfAnotherSizeIsResampledInAndTheHeatmapMappedBackOntoIt) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::regionClassifier(folder.path(), R"({"method": "gradcam", "layer": "features"})");
  // 256² at 0.1 mm: the model's region is 4× larger here.
  const Radiograph xray(256, 0.1, 4 * testing::kUpperLeftFirst, 4 * testing::kRegionWidth);
  const InferenceResult result = runOnCpu(package, xray.image);
  EXPECT_NEAR(result.findings[0].probability, sigmoid(2.0), 1e-4);
  const std::vector<float>& map = result.heatmaps[0].values;
  ASSERT_EQ(map.size(), 256u * 256u);
  const auto peak = std::max_element(map.begin(), map.end()) - map.begin();
  const auto row = peak / 256;
  const auto column = peak % 256;
  EXPECT_GE(row, 32);
  EXPECT_LT(row, 96);
  EXPECT_GE(column, 32);
  EXPECT_LT(column, 96);
  // Beyond one model pixel of the region, nothing.
  EXPECT_LT(largestOutside(map, 256, 28, 72), 1e-6f);
}

TEST(Pipeline, SaliencyOfALinearModelIsItsRegion) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::regionClassifier(folder.path(), R"({"method": "saliency"})");
  const Radiograph xray(64, 0.2, testing::kUpperLeftFirst, testing::kRegionWidth);
  RunOptions options;
  options.smoothGradSamples = 5;
  const InferenceResult result = runOnCpu(package, xray.image, options);
  // ∂logit/∂input is the region's mask whatever the noise: 1 inside, 0 outside, for both labels.
  for (const auto& [index, first] :
       {std::pair{0, testing::kUpperLeftFirst}, std::pair{1, testing::kLowerRightFirst}}) {
    const std::vector<float>& map = result.heatmaps[static_cast<std::size_t>(index)].values;
    EXPECT_NEAR(map[static_cast<std::size_t>((first + 3) * 64 + first + 5)], 1.0f, 1e-5);
    EXPECT_LT(largestOutside(map, 64, first, testing::kRegionWidth), 1e-6f);
  }
}

TEST(Pipeline, AModelsOwnCamIsScaledToOne) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::regionClassifier(folder.path(), R"({"method": "model_cam"})", /*modelCam=*/true);
  const Radiograph xray(64, 0.2, testing::kUpperLeftFirst + 4, 4);
  const InferenceResult result = runOnCpu(package, xray.image);
  EXPECT_NEAR(result.findings[0].probability, sigmoid(4.0 * 16 / 256 - 2.0), 1e-5);
  const std::vector<float>& map = result.heatmaps[0].values;
  EXPECT_FLOAT_EQ(map[static_cast<std::size_t>(13 * 64 + 13)], 1.0f);
  EXPECT_LT(largestOutside(map, 64, testing::kUpperLeftFirst + 4, 4), 1e-6f);
}

/// A CT-like volume: 0 with a ball of 300 (radius `radius` mm) at the centre.
struct BallVolume {
  BallVolume(std::array<int64_t, 3> size, std::array<double, 3> spacing, double radius) {
    voxels.resize(static_cast<std::size_t>(size[0] * size[1] * size[2]));
    image.voxels = voxels.data();
    image.type = VoxelType::Int16;
    image.geometry.size = size;
    image.geometry.spacing = spacing;
    std::size_t n = 0;
    for (int64_t k = 0; k < size[2]; ++k) {
      for (int64_t j = 0; j < size[1]; ++j) {
        for (int64_t i = 0; i < size[0]; ++i, ++n) {
          const double x =
              (static_cast<double>(i) - static_cast<double>(size[0] - 1) / 2) * spacing[0];
          const double y =
              (static_cast<double>(j) - static_cast<double>(size[1] - 1) / 2) * spacing[1];
          const double z =
              (static_cast<double>(k) - static_cast<double>(size[2] - 1) / 2) * spacing[2];
          const bool inside = x * x + y * y + z * z <= radius * radius;
          voxels[n] = inside ? 300 : 0;
          inside_ += inside ? 1 : 0;
        }
      }
    }
  }
  std::vector<int16_t> voxels;
  ImageInput image;
  int64_t inside_ = 0;
};

TEST(Pipeline, SegmentationOfTheWholeImageLabelsEveryVoxelAndMeasuresTheVolume) {
  TemporaryFolder folder;
  const ModelPackage package = testing::thresholdSegmenter(folder.path(), 0);
  const BallVolume ball({40, 36, 20}, {1.0, 1.0, 2.0}, 9.0);
  const InferenceResult result = runOnCpu(package, ball.image);
  ASSERT_EQ(result.labelMap.size(), ball.voxels.size());
  for (std::size_t n = 0; n < ball.voxels.size(); ++n) {
    ASSERT_EQ(result.labelMap[n], ball.voxels[n] > 100 ? 1 : 0) << n;
  }
  ASSERT_EQ(result.segments.size(), 1u);  // background is not a segment
  EXPECT_EQ(result.segments[0].label, "bright");
  EXPECT_EQ(result.segments[0].value, 1);
  EXPECT_EQ(result.segments[0].voxels, ball.inside_);
  EXPECT_NEAR(result.segments[0].volumeMl, static_cast<double>(ball.inside_) * 2.0 / 1000.0, 1e-9);
  EXPECT_TRUE(result.findings.empty());
}

TEST(Pipeline, SlidingWindowOnAnotherGridMapsLabelsBackVoxelForVoxel) {
  TemporaryFolder folder;
  const ModelPackage package = testing::thresholdSegmenter(folder.path(), 16);
  // 0.8 × 0.8 × 1.5 mm, resampled to the model's 1 mm and back.
  const BallVolume ball({50, 45, 30}, {0.8, 0.8, 1.5}, 12.0);
  const InferenceResult result = runOnCpu(package, ball.image);
  std::size_t agree = 0;
  for (std::size_t n = 0; n < ball.voxels.size(); ++n) {
    agree += result.labelMap[n] == (ball.voxels[n] > 100 ? 1 : 0) ? 1 : 0;
  }
  // Only voxels at the ball's surface may differ, moved to a 1 mm grid and back.
  EXPECT_GT(static_cast<double>(agree) / static_cast<double>(ball.voxels.size()), 0.98);
  EXPECT_NEAR(result.segments[0].volumeMl, 4.0 / 3.0 * M_PI * 12 * 12 * 12 / 1000.0, 0.6);
}

TEST(SlidingWindow, AConstantModelGivesAConstantOutputWithoutSeams) {
  TemporaryFolder folder;
  for (double overlap : {0.0, 0.25, 0.5, 0.8}) {
    const ModelPackage package = testing::constantSegmenter(folder.path(), 0.7, overlap);
    const auto model = loadTorchScript(package, c10::Device(c10::kCPU), false);
    const auto predict = [&](const at::Tensor& batch) { return model->forward(batch).front(); };
    for (const std::array<int64_t, 3>& size :
         {std::array<int64_t, 3>{37, 29, 23}, std::array<int64_t, 3>{10, 40, 16}}) {
      const at::Tensor image = at::rand({1, size[0], size[1], size[2]});
      RunOptions options;
      options.batchSize = 3;
      const at::Tensor out =
          slidingWindow(predict, image, 1, {16, 16, 16}, overlap, options, {}, 0.0, 1.0);
      ASSERT_EQ(out.sizes().vec(), (std::vector<int64_t>{1, size[0], size[1], size[2]}));
      EXPECT_NEAR(out.min().item<float>(), 0.7f, 1e-5) << overlap;
      EXPECT_NEAR(out.max().item<float>(), 0.7f, 1e-5) << overlap;
    }
  }
}

TEST(SlidingWindow, PatchesCoverTheAxisEvenlyAndEndAtItsEnd) {
  EXPECT_EQ(patchStarts(100, 32, 0.25), (std::vector<int64_t>{0, 24, 48, 68}));
  EXPECT_EQ(patchStarts(32, 32, 0.5), (std::vector<int64_t>{0}));
  EXPECT_EQ(patchStarts(40, 32, 0.0), (std::vector<int64_t>{0, 8}));
}

TEST(SlidingWindow, CancellingStopsWithinOneBatch) {
  TemporaryFolder folder;
  const ModelPackage package = testing::constantSegmenter(folder.path(), 1.0, 0.5);
  const auto model = loadTorchScript(package, c10::Device(c10::kCPU), false);
  const auto predict = [&](const at::Tensor& batch) { return model->forward(batch).front(); };
  std::atomic<bool> cancelled{false};
  int batches = 0;
  JobControl control;
  control.cancelled = &cancelled;
  control.progress = [&](double, const std::string&) {
    if (++batches == 2) cancelled = true;
  };
  RunOptions options;
  options.batchSize = 2;
  EXPECT_THROW(slidingWindow(predict, at::zeros({1, 64, 64, 64}), 1, {16, 16, 16}, 0.5, options,
                             control, 0.0, 1.0),
               JobCancelled);
  EXPECT_EQ(batches, 2);  // of 172
}

TEST(Pipeline, OutOfMemoryHalvesTheBatchAndSaysSoWhenEvenOneDoesNotFit) {
  TemporaryFolder folder;
  const std::string manifest = R"({
    "name": "Picky", "version": "1", "task": "segmentation",
    "applies_to": {"dimensionality": "volume3d"},
    "input": {"channels": 1, "patch_size": [8, 8, 8], "patch_overlap": 0},
    "output": {"labels": ["background", "bright"], "activation": "softmax"}
  })";
  // Fits one patch at a time only, as a small GPU would.
  const ModelPackage picky = testing::savePackage(folder.path() / "picky.pt", R"(
    def forward(self, x):
        assert x.size(0) == 1, "CUDA out of memory. Tried to allocate 2.00 GiB"
        return torch.cat([100.0 - x, x - 100.0], 1)
  )",
                                                  manifest);
  const BallVolume ball({24, 24, 24}, {1.0, 1.0, 1.0}, 6.0);
  RunOptions options;
  options.batchSize = 8;
  const InferenceResult result = runOnCpu(picky, ball.image, options);
  EXPECT_EQ(result.segments[0].voxels, ball.inside_);

  const ModelPackage hopeless = testing::savePackage(folder.path() / "hopeless.pt", R"(
    def forward(self, x):
        assert x.size(2) != 8, "CUDA out of memory. Tried to allocate 20.00 GiB"
        return torch.cat([x, x], 1)
  )",
                                                     manifest);
  const auto model = loadTorchScript(hopeless, c10::Device(c10::kCPU), false);
  EXPECT_THROW(runModel(*model, hopeless, ball.image, options, {}), DeviceOutOfMemory);
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const InferenceError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Pipeline, NonFiniteOutputsAreAnErrorNotAFinding) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::savePackage(folder.path() / "nan.pt", R"(
    def forward(self, x):
        return x.sum([2, 3]) * 0.0 / 0.0
  )",
                           R"({"name": "NaN", "version": "1", "task": "classification",
          "applies_to": {"dimensionality": "image2d"},
          "input": {"channels": 1, "size": [16, 16]},
          "output": {"labels": ["a"], "activation": "sigmoid"}})");
  const Radiograph xray(16, 1.0, 0, 4);
  EXPECT_EQ(errorOf([&] { runOnCpu(package, xray.image); }),
            "model NaN produced NaN or infinite outputs");
}

TEST(Pipeline, AModelThatDisagreesWithItsManifestIsRefusedBeforeItRuns) {
  TemporaryFolder folder;
  const std::string twoLabels = R"({"name": "Mismatch", "version": "1", "task": "classification",
      "applies_to": {"dimensionality": "image2d"}, "input": {"channels": 3, "size": [16, 16]},
      "output": {"labels": ["a", "b"], "activation": "sigmoid"}, "heatmap": {"method": "gradcam", "layer": "body"}})";
  const auto check = [](const ModelPackage& package) {
    return errorOf([&] {
      const auto model = loadTorchScript(package, c10::Device(c10::kCPU), false);
      checkModelAgainstManifest(*model, package.manifest);
    });
  };
  // Three outputs for two labels.
  EXPECT_EQ(check(testing::savePackage(folder.path() / "three.pt", R"(
    def forward(self, x):
        return x.mean([2, 3]).repeat(1, 1)
  )",
                                       twoLabels)),
            "model Mismatch: returns shape [1, 3] for an input of [1, 3, 16, 16]; its manifest's "
            "2 labels need [1, 2]");
  // A model made for one channel, given the manifest's three.
  torch::jit::Module conv("OneChannel");
  conv.register_parameter("weight", at::ones({2, 1, 3, 3}), false);
  conv.define(R"(
    def forward(self, x):
        return torch.conv2d(x, self.weight).mean([2, 3])
  )");
  conv.save((folder.path() / "one.pt").string(), {{kEmbeddedManifestName, twoLabels}});
  const std::string oneChannel = check(readModelPackage((folder.path() / "one.pt").string()));
  EXPECT_EQ(oneChannel.rfind("model Mismatch: fails on an input of shape [1, 3, 16, 16] as its "
                             "manifest describes (",
                             0),
            0u)
      << oneChannel;
  // Grad-CAM's methods missing.
  EXPECT_EQ(check(testing::savePackage(folder.path() / "nocam.pt", R"(
    def forward(self, x):
        return x.mean([2, 3])[:, :2]
  )",
                                       twoLabels)),
            "model Mismatch: Grad-CAM on layer \"body\" needs the scripted methods body(input) "
            "and body_head(features); body is missing");
}

}  // namespace
}  // namespace lumen::inference

namespace lumen::inference {
namespace {

TEST(Pipeline, AnXyzModelSeesItsFirstSpatialDimensionAlongTheImageRows) {
  TemporaryFolder folder;
  // Foreground where the model's first spatial index is below 5: x for an xyz (MONAI) model.
  const ModelPackage package =
      testing::savePackage(folder.path() / "xyz.pt", R"(
    def forward(self, x):
        out = torch.zeros([x.size(0), 2, x.size(2), x.size(3), x.size(4)])
        out[:, 1, :5] = 10.0
        return out
  )",
                           R"({"name": "First rows", "version": "1", "task": "segmentation",
          "applies_to": {"dimensionality": "volume3d"},
          "input": {"channels": 1, "axis_order": "xyz"},
          "output": {"labels": ["background", "near"], "activation": "softmax"}})");
  const BallVolume ball({12, 10, 8}, {1.0, 1.0, 1.0}, 3.0);
  const InferenceResult result = runOnCpu(package, ball.image);
  std::size_t n = 0;
  for (int64_t k = 0; k < 8; ++k) {
    for (int64_t j = 0; j < 10; ++j) {
      for (int64_t i = 0; i < 12; ++i, ++n) ASSERT_EQ(result.labelMap[n], i < 5 ? 1 : 0) << i;
    }
  }
}

}  // namespace
}  // namespace lumen::inference

namespace lumen::inference {
namespace {

TEST(Pipeline, ASliceModelSegmentsEverySliceInBatches) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::savePackage(folder.path() / "slices.pt", R"(
    def forward(self, x):
        assert x.size(0) <= 3, "batches are of three slices at most"
        return torch.cat([100.0 - x, x - 100.0], 1)
  )",
                           R"({"name": "Slice threshold", "version": "1", "task": "segmentation",
          "applies_to": {"dimensionality": "slices2d"}, "input": {"channels": 1},
          "output": {"labels": ["background", "bright"], "activation": "softmax"}})");
  const BallVolume ball({30, 28, 17}, {1.0, 1.0, 1.0}, 7.0);
  RunOptions options;
  options.batchSize = 3;
  const InferenceResult result = runOnCpu(package, ball.image, options);
  EXPECT_EQ(result.segments[0].voxels, ball.inside_);
  for (std::size_t n = 0; n < ball.voxels.size(); ++n) {
    ASSERT_EQ(result.labelMap[n], ball.voxels[n] > 100 ? 1 : 0) << n;
  }
}

TEST(Pipeline, ASliceClassifierCallsAFindingByItsMostSuspiciousSlice) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::savePackage(folder.path() / "slice-mean.pt", R"(
    def forward(self, x):
        return x.mean([2, 3]) - 3.0
  )",
                           R"({"name": "Slice mean", "version": "1", "task": "classification",
          "applies_to": {"dimensionality": "slices2d"}, "input": {"channels": 1},
          "output": {"labels": ["bright slice"], "activation": "sigmoid"},
          "heatmap": {"method": "saliency"}})");
  // Slice k holds the value k / 2: the brightest (k = 9) gives the logit 4.5 − 3.
  std::vector<float> voxels;
  for (int k = 0; k < 10; ++k) voxels.insert(voxels.end(), 8 * 8, static_cast<float>(k) / 2.0f);
  ImageInput image;
  image.voxels = voxels.data();
  image.type = VoxelType::Float32;
  image.geometry.size = {8, 8, 10};
  RunOptions options;
  options.smoothGradSamples = 2;
  const InferenceResult result = runOnCpu(package, image, options);
  EXPECT_NEAR(result.findings[0].probability, sigmoid(1.5), 1e-5);
  // The input gradient of a mean is the same everywhere: every slice's map is uniform.
  ASSERT_EQ(result.heatmaps[0].values.size(), voxels.size());
  EXPECT_NEAR(*std::min_element(result.heatmaps[0].values.begin(), result.heatmaps[0].values.end()),
              1.0f, 1e-5);
}

}  // namespace
}  // namespace lumen::inference

namespace lumen::inference {
namespace {

TEST(Pipeline, GradCamOfAVolumeIsUpsampledFromTheFeatureGridOntoTheImage) {
  TemporaryFolder folder;
  // Features: 4×4×4 blocks averaged; the logit reads the block at z 1, y 2, x 3.
  const ModelPackage package =
      testing::savePackage(folder.path() / "blocks.pt", R"(
    def features(self, x):
        return torch.avg_pool3d(x, 4)
    def features_head(self, f):
        return f[:, :, 1, 2, 3] - 1.0
    def forward(self, x):
        return self.features_head(self.features(x))
  )",
                           R"({"name": "Block", "version": "1", "task": "classification",
          "applies_to": {"dimensionality": "volume3d"},
          "input": {"channels": 1, "size": [16, 16, 16]},
          "output": {"labels": ["block"], "activation": "sigmoid"},
          "heatmap": {"method": "gradcam", "layer": "features"}})");
  // 32³ at 0.5 mm: the block is voxels z 8–15, y 16–23, x 24–31 here.
  std::vector<float> voxels(32 * 32 * 32, 0.0f);
  for (int z = 8; z < 16; ++z) {
    for (int y = 16; y < 24; ++y) {
      for (int x = 24; x < 32; ++x) voxels[static_cast<std::size_t>((z * 32 + y) * 32 + x)] = 2.0f;
    }
  }
  ImageInput image;
  image.voxels = voxels.data();
  image.type = VoxelType::Float32;
  image.geometry.size = {32, 32, 32};
  image.geometry.spacing = {0.5, 0.5, 0.5};
  const InferenceResult result = runOnCpu(package, image);
  EXPECT_NEAR(result.findings[0].probability, sigmoid(1.0), 1e-5);
  const std::vector<float>& map = result.heatmaps[0].values;
  ASSERT_EQ(map.size(), voxels.size());
  const auto peak = std::max_element(map.begin(), map.end()) - map.begin();
  EXPECT_EQ(voxels[static_cast<std::size_t>(peak)], 2.0f) << peak;
  EXPECT_GT(map[static_cast<std::size_t>((12 * 32 + 20) * 32 + 28)], 0.9f);  // linear upsampling
  EXPECT_FLOAT_EQ(map[static_cast<std::size_t>((2 * 32 + 2) * 32 + 2)], 0.0f);
}

}  // namespace
}  // namespace lumen::inference

namespace lumen::inference {
namespace {

TEST(Pipeline, InfiniteLogitsAreAnErrorEvenThoughTheSigmoidOfThemIsFinite) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::savePackage(folder.path() / "inf.pt", R"(
    def forward(self, x):
        return x.sum([2, 3]) * 0.0 + 1.0 / 0.0
  )",
                           R"({"name": "Overflow", "version": "1", "task": "classification",
          "applies_to": {"dimensionality": "image2d"}, "input": {"channels": 1, "size": [8, 8]},
          "output": {"labels": ["a"], "activation": "sigmoid"}})");
  const Radiograph xray(8, 1.0, 0, 2);
  EXPECT_EQ(errorOf([&] { runOnCpu(package, xray.image); }),
            "model Overflow produced NaN or infinite outputs");
}

TEST(Pipeline, FindingsStandWhenTheirHeatmapsCannotBeMade) {
  TemporaryFolder folder;
  // detach() cuts the input off the graph: there is no gradient to explain with.
  const ModelPackage package =
      testing::savePackage(folder.path() / "detached.pt", R"(
    def forward(self, x):
        return x.detach().mean([2, 3]) * 4.0 - 2.0
  )",
                           R"({"name": "Detached", "version": "1", "task": "classification",
          "applies_to": {"dimensionality": "image2d"}, "input": {"channels": 1, "size": [16, 16]},
          "output": {"labels": ["a"], "activation": "sigmoid"}, "heatmap": {"method": "saliency"}})");
  const Radiograph xray(16, 1.0, 0, 16);
  RunOptions options;
  options.smoothGradSamples = 1;
  const InferenceResult result = runOnCpu(package, xray.image, options);
  EXPECT_NEAR(result.findings[0].probability, sigmoid(2.0), 1e-5);
  EXPECT_TRUE(result.heatmaps.empty());
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].rfind("heatmaps unavailable: ", 0), 0u) << result.notes[0];
}

TEST(Pipeline, A2dSegmenterWithAPatchSizeSlidesOverEachSlice) {
  TemporaryFolder folder;
  const ModelPackage package =
      testing::savePackage(folder.path() / "patch2d.pt", R"(
    def forward(self, x):
        assert x.dim() == 4 and x.size(2) == 8 and x.size(3) == 8, "8×8 patches only"
        return torch.cat([100.0 - x, x - 100.0], 1)
  )",
                           R"({"name": "Patches", "version": "1", "task": "segmentation",
          "applies_to": {"dimensionality": "slices2d"},
          "input": {"channels": 1, "patch_size": [8, 8], "patch_overlap": 0.5},
          "output": {"labels": ["background", "bright"], "activation": "softmax"}})");
  const BallVolume ball({20, 18, 5}, {1.0, 1.0, 3.0}, 6.0);
  const InferenceResult result = runOnCpu(package, ball.image);
  for (std::size_t n = 0; n < ball.voxels.size(); ++n) {
    ASSERT_EQ(result.labelMap[n], ball.voxels[n] > 100 ? 1 : 0) << n;
  }
}

}  // namespace
}  // namespace lumen::inference
