// The demo models' networks: the shapes Lumen's pipeline needs, the Grad-CAM methods, and that
// they learn (a few optimiser steps on a toy task) and survive saving as a package.
#include "inference/training/Networks.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <atomic>
#include <cmath>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "TestModels.h"
#include "inference/Heatmaps.h"
#include "inference/ModelManifest.h"
#include "inference/ModelRunner.h"
#include "inference/training/NoduleTraining.h"
#include "inference/training/RadiographTraining.h"
#include "inference/training/TrainingLoop.h"

namespace lumen::inference::training {
namespace {

TEST(Networks, TheRadiographClassifierGivesLogitsAndGradCamFeatures) {
  torch::jit::Module model = radiographClassifier(6, 1);
  const at::Tensor x = at::zeros({2, 1, 256, 256});
  EXPECT_EQ(model.forward({x}).toTensor().sizes().vec(), (std::vector<int64_t>{2, 6}));
  const at::Tensor f = model.run_method("features", x).toTensor();
  EXPECT_EQ(f.sizes().vec(), (std::vector<int64_t>{2, 64, 64, 64}));
  EXPECT_EQ(model.run_method("features_head", f).toTensor().sizes().vec(),
            (std::vector<int64_t>{2, 6}));
  EXPECT_EQ(model.run_method("finding_maps", f).toTensor().sizes().vec(),
            (std::vector<int64_t>{2, 6, 64, 64}));
  // The same seed, the same weights; another seed, others.
  const at::Tensor a = parametersOf(radiographClassifier(6, 7)).front();
  EXPECT_TRUE(at::equal(a, parametersOf(radiographClassifier(6, 7)).front()));
  EXPECT_FALSE(at::equal(a, parametersOf(radiographClassifier(6, 8)).front()));
}

TEST(Networks, TheNoduleSegmenterKeepsThePatchSize) {
  torch::jit::Module model = noduleSegmenter(1);
  const at::Tensor y = model.forward({at::zeros({1, 1, 16, 32, 24})}).toTensor();
  EXPECT_EQ(y.sizes().vec(), (std::vector<int64_t>{1, 2, 16, 32, 24}));
}

TEST(Networks, TheClassifierLearnsWhichImagesHoldABrightSquareAndGradCamFindsIt) {
  torch::manual_seed(3);
  torch::jit::Module model = radiographClassifier(1, 2);
  torch::optim::Adam optimiser(parametersOf(model), torch::optim::AdamOptions(3e-3));
  // Half the images hold a bright 8×8 square somewhere: label 1, and the square is its mask.
  struct Squares {
    at::Tensor images, labels, masks;
  };
  const auto batch = [](int n) {
    Squares b{at::randn({n, 1, 64, 64}) * 0.1, at::zeros({n, 1}), at::zeros({n, 1, 64, 64})};
    for (int i = 0; i < n; i += 2) {
      const int64_t y = at::randint(0, 56, {1}).item<int64_t>();
      const int64_t x = at::randint(0, 56, {1}).item<int64_t>();
      b.images[i][0].narrow(0, y, 8).narrow(1, x, 8).add_(1.0);
      b.masks[i][0].narrow(0, y, 8).narrow(1, x, 8).fill_(1.0);
      b.labels[i][0] = 1.0;
    }
    return b;
  };
  double first = 0.0;
  double last = 0.0;
  for (int step = 0; step < 80; ++step) {
    const Squares b = batch(16);
    const at::Tensor loss = classifierLoss(model, b.images, b.labels, b.masks);
    optimiser.zero_grad();
    loss.backward();
    optimiser.step();
    if (step == 0) first = loss.item<double>();
    last = loss.item<double>();
  }
  EXPECT_LT(last, first * 0.5) << "first loss " << first << ", last " << last;

  // Saved with a manifest, it is a package the pipeline accepts.
  testing::TemporaryFolder folder;
  model.save((folder.path() / "square.pt").string(), {{kEmbeddedManifestName, R"({
    "name": "Square", "version": "1", "task": "classification",
    "applies_to": {"dimensionality": "image2d"},
    "input": {"channels": 1, "size": [64, 64]},
    "output": {"labels": ["square"], "activation": "sigmoid"},
    "heatmap": {"method": "gradcam", "layer": "features"}})"}});
  const ModelPackage package = readModelPackage((folder.path() / "square.pt").string());
  const auto runner = loadTorchScript(package, c10::Device(c10::kCPU), false);
  EXPECT_NO_THROW(checkModelAgainstManifest(*runner, package.manifest));

  // On new images its Grad-CAM peaks inside the square.
  model.eval();
  const Squares test = batch(16);
  const at::Tensor maps =
      computeHeatmaps(*runner, package.manifest, test.images, 0.0, RunOptions{}, JobControl{});
  int inside = 0;
  for (int i = 0; i < 16; i += 2) {
    const int64_t peak = maps[i][0].argmax().item<int64_t>();
    inside += test.masks[i][0].flatten()[peak].item<double>() > 0.5 ? 1 : 0;
  }
  EXPECT_GE(inside, 7) << "of 8 squares";
}

TEST(RadiographTraining, AFindingOfOneCellWeighsAsMuchAsTheRestOfItsMap) {
  // A stand-in whose finding map is its input (one finding, 16×16 cells of one pixel each) and
  // whose logit does not depend on it, so only the map term of the loss changes.
  torch::jit::Module maps("Maps");
  maps.define(R"(
    def features(self, x):
        return x

    def finding_maps(self, f):
        return f

    def features_head(self, f):
        return f.mean([2, 3]) * 0.0
)");
  const at::Tensor labels = at::ones({1, 1});
  at::Tensor mask = at::zeros({1, 1, 16, 16});
  mask[0][0][5][7] = 1.0;
  const auto loss = [&](double inside, double outside) {
    const at::Tensor logits = mask * inside + (1.0 - mask) * outside;
    return classifierLoss(maps, logits, labels, mask).item<double>();
  };
  const double right = loss(8.0, -8.0);
  const double missed = loss(-8.0, -8.0);        // one cell wrong
  const double everywhereElse = loss(8.0, 8.0);  // 255 cells wrong
  EXPECT_GT(missed - right, 3.0);
  EXPECT_NEAR(missed - right, everywhereElse - right, 0.1);
}

TEST(RadiographTraining, ASmallRunGivesAPackageWithAThresholdPerFinding) {
  RadiographTraining options;
  options.steps = 3;
  options.batchSize = 2;
  options.imageSize = 64;
  options.validationCases = 12;
  int reported = 0;
  options.progress = [&](int step, double loss) {
    reported = step;
    EXPECT_TRUE(std::isfinite(loss));
  };
  const TrainedClassifier trained = trainRadiographClassifier(options);
  EXPECT_EQ(reported, 3);
  ASSERT_EQ(trained.labels.size(), 6u);
  EXPECT_EQ(trained.labels.front(), "nodule");
  EXPECT_EQ(trained.labels.back(), "cardiomegaly");
  ASSERT_EQ(trained.thresholds.size(), 6u);
  for (double t : trained.thresholds) {
    EXPECT_GT(t, 0.0);
    EXPECT_LT(t, 1.0);
  }
  const ModelManifest manifest = parseModelManifest(radiographManifest(trained, 64));
  EXPECT_EQ(manifest.labels, trained.labels);
  EXPECT_EQ(manifest.thresholds.size(), 6u);
  EXPECT_NEAR(manifest.thresholds[2], trained.thresholds[2], 1e-5);
  EXPECT_EQ(manifest.inputSize, (std::vector<int>{64, 64}));
  EXPECT_EQ(manifest.heatmap, HeatmapMethod::GradCam);
  EXPECT_TRUE(manifest.notForClinicalUse);
  // The same options train the same weights.
  const TrainedClassifier again = trainRadiographClassifier(options);
  EXPECT_TRUE(at::equal(parametersOf(trained.module).back(), parametersOf(again.module).back()));
}

TEST(TrainingLoop, DrawInParallelDrawsEachItemOnceAndPassesOnAFailure) {
  at::set_num_threads(2);
  std::vector<std::atomic<int>> drawn(9);
  std::mutex lock;
  std::set<std::thread::id> threads;
  drawInParallel(9, [&](int item) {
    ++drawn[static_cast<std::size_t>(item)];
    const std::lock_guard<std::mutex> guard(lock);
    threads.insert(std::this_thread::get_id());
  });
  for (const std::atomic<int>& times : drawn) EXPECT_EQ(times.load(), 1);
  EXPECT_EQ(threads.size(), 2u) << "the items ran on one thread";
  EXPECT_THROW(drawInParallel(4,
                              [](int item) {
                                if (item == 3) throw std::runtime_error("case 3 failed");
                              }),
               std::runtime_error);
}

TEST(NoduleTraining, ASmallRunGivesASegmenterThePipelineAccepts) {
  NoduleTraining options;
  options.steps = 2;
  options.batchSize = 2;
  options.patch = {16, 16, 8};
  torch::jit::Module model = trainNoduleSegmenter(options);
  testing::TemporaryFolder folder;
  const std::string file = (folder.path() / "nodules.pt").string();
  model.save(file, {{kEmbeddedManifestName, noduleManifest(options)}});
  const ModelPackage package = readModelPackage(file);
  EXPECT_EQ(package.manifest.task, ModelTask::Segmentation);
  EXPECT_EQ(package.manifest.labels, (std::vector<std::string>{"background", "nodule"}));
  EXPECT_EQ(package.manifest.patchSize, (std::vector<int>{16, 16, 8}));
  EXPECT_NO_THROW(verifyModelPackage(package));
  options.patch = {16, 15, 8};
  EXPECT_THROW(trainNoduleSegmenter(options), std::invalid_argument);
}

}  // namespace
}  // namespace lumen::inference::training
