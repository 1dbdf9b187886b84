#include "inference/InferenceWorker.h"

#include <gtest/gtest.h>

#include <torch/cuda.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>
#include <vector>

#include "TestModels.h"

namespace lumen::inference {
namespace {

using testing::TemporaryFolder;

/// Outcomes as they arrive from the worker thread.
class Outcomes {
 public:
  std::function<void(const JobOutcome&)> collector() {
    return [this](const JobOutcome& outcome) {
      std::lock_guard<std::mutex> lock(mutex_);
      outcomes_.push_back(outcome);
      arrived_.notify_all();
    };
  }
  /// Waits (at most a minute) for `count` outcomes; returns them in arrival order.
  std::vector<JobOutcome> wait(std::size_t count) {
    std::unique_lock<std::mutex> lock(mutex_);
    arrived_.wait_for(lock, std::chrono::minutes(1), [&] { return outcomes_.size() >= count; });
    return outcomes_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<JobOutcome> outcomes_;
};

struct Radiograph {
  std::vector<float> pixels = std::vector<float>(64 * 64, 1.0f);
  ImageInput image() const {
    ImageInput input;
    input.voxels = pixels.data();
    input.type = VoxelType::Float32;
    input.geometry.size = {64, 64, 1};
    return input;
  }
};

InferenceJob jobFor(const ModelPackage& model, const Radiograph& xray, Outcomes& outcomes,
                    int priority = 0) {
  InferenceJob job;
  job.model = model;
  job.image = xray.image();
  job.modality = "DX";
  job.priority = priority;
  job.finished = outcomes.collector();
  return job;
}

InferenceWorker::Settings cpu() {
  InferenceWorker::Settings settings;
  settings.device = "cpu";
  settings.threads = 1;
  return settings;
}

TEST(InferenceWorker, RunsJobsInPriorityOrderOnItsThread) {
  TemporaryFolder folder;
  const ModelPackage model = testing::regionClassifier(folder.path(), R"({"method": "none"})");
  const Radiograph xray;
  Outcomes outcomes;
  InferenceWorker worker(cpu());
  EXPECT_EQ(worker.device(), "cpu");

  // The first job holds the worker until the others are queued.
  std::promise<void> queued;
  std::shared_future<void> go = queued.get_future().share();
  std::atomic<bool> started{false};
  InferenceJob first = jobFor(model, xray, outcomes);
  first.progress = [go, &started](JobId, double, const std::string&) {
    started = true;
    go.wait();
  };
  const JobId a = worker.submit(std::move(first));
  while (!started) std::this_thread::yield();
  const JobId low = worker.submit(jobFor(model, xray, outcomes, 1));
  const JobId high = worker.submit(jobFor(model, xray, outcomes, 5));
  const JobId raised = worker.submit(jobFor(model, xray, outcomes, 0));
  worker.setPriority(raised, 9);
  queued.set_value();

  const std::vector<JobOutcome> done = outcomes.wait(4);
  ASSERT_EQ(done.size(), 4u);
  EXPECT_EQ(done[0].id, a);
  EXPECT_EQ(done[1].id, raised);
  EXPECT_EQ(done[2].id, high);
  EXPECT_EQ(done[3].id, low);
  for (const JobOutcome& outcome : done) {
    ASSERT_EQ(outcome.status, JobOutcome::Status::Done) << outcome.error;
    EXPECT_NEAR(outcome.result->findings[0].probability, 1.0 / (1.0 + std::exp(-2.0)), 1e-5);
  }
  EXPECT_EQ(worker.pending(), 0u);
}

TEST(InferenceWorker, ABadModelOrImageEndsItsJobWithAReasonAndTheNextOneRuns) {
  TemporaryFolder folder;
  const ModelPackage good = testing::regionClassifier(folder.path(), R"({"method": "none"})");
  const ModelPackage ct = testing::thresholdSegmenter(folder.path(), 0);
  ModelPackage wrongShape =
      testing::savePackage(folder.path() / "wrong.pt", R"(
    def forward(self, x):
        return x.mean([2, 3])
  )",
                           R"({"name": "Wrong shape", "version": "1", "task": "classification",
          "applies_to": {"dimensionality": "image2d"}, "input": {"channels": 1, "size": [64, 64]},
          "output": {"labels": ["a", "b"], "activation": "sigmoid"}})");
  ModelPackage vanished = good;
  vanished.path = (folder.path() / "vanished.pt").string();
  vanished.sha256 = std::string(64, '0');

  const Radiograph xray;
  Outcomes outcomes;
  InferenceWorker worker(cpu());
  worker.submit(jobFor(wrongShape, xray, outcomes));
  worker.submit(jobFor(ct, xray, outcomes));
  worker.submit(jobFor(vanished, xray, outcomes));
  worker.submit(jobFor(good, xray, outcomes));
  const std::vector<JobOutcome> done = outcomes.wait(4);
  ASSERT_EQ(done.size(), 4u);
  EXPECT_EQ(done[0].status, JobOutcome::Status::Failed);
  EXPECT_EQ(done[0].error,
            "model Wrong shape: returns shape [1, 1] for an input of [1, 1, 64, 64]; its "
            "manifest's 2 labels need [1, 2]");
  EXPECT_EQ(done[1].error,
            "model Threshold segmenter does not apply: it reads CT, the image is DX");
  EXPECT_NE(done[2].error.find("vanished.pt: could not be loaded on cpu"), std::string::npos)
      << done[2].error;
  EXPECT_EQ(done[3].status, JobOutcome::Status::Done);
}

TEST(InferenceWorker, CancelledAndLeftOverJobsEndAsCancelled) {
  TemporaryFolder folder;
  const ModelPackage model = testing::regionClassifier(folder.path(), R"({"method": "none"})");
  const Radiograph xray;
  Outcomes outcomes;
  std::promise<void> release;
  std::shared_future<void> go = release.get_future().share();
  {
    InferenceWorker worker(cpu());
    InferenceJob blocker = jobFor(model, xray, outcomes);
    std::atomic<bool> started{false};
    blocker.progress = [go, &started](JobId, double, const std::string&) {
      started = true;
      go.wait();
    };
    const JobId running = worker.submit(std::move(blocker));
    const JobId queued = worker.submit(jobFor(model, xray, outcomes));
    worker.submit(jobFor(model, xray, outcomes));
    while (!started) std::this_thread::yield();
    worker.cancel(queued);  // leaves the queue at once, reported on this thread
    ASSERT_EQ(outcomes.wait(1).size(), 1u);
    EXPECT_EQ(outcomes.wait(1)[0].id, queued);
    EXPECT_EQ(outcomes.wait(1)[0].status, JobOutcome::Status::Cancelled);
    EXPECT_EQ(worker.pending(), 2u);  // the running job and the third
    worker.cancel(running);
    release.set_value();
    const std::vector<JobOutcome> first = outcomes.wait(2);
    EXPECT_EQ(first[1].id, running);
    EXPECT_EQ(first[1].status, JobOutcome::Status::Cancelled);
  }  // the third job is done or cancelled by the destructor: either way it is reported
  EXPECT_EQ(outcomes.wait(3).size(), 3u);
}

TEST(InferenceWorker, DevicesAreCheckedWhenTheWorkerStarts) {
  InferenceWorker::Settings settings;
  settings.device = "tpu";
  EXPECT_THROW(InferenceWorker{settings}, InferenceError);
  if (!torch::cuda::is_available()) {
    settings.device = "cuda";
    EXPECT_THROW(InferenceWorker{settings}, InferenceError);
    settings.device = "auto";
    EXPECT_EQ(InferenceWorker(settings).device(), "cpu");
  }
}

TEST(Applicability, ModalityBodyPartAndDimensionalityMustMatch) {
  ModelManifest manifest;
  manifest.modalities = {"CT"};
  manifest.bodyParts = {"CHEST"};
  manifest.dimensionality = ModelDimensionality::Volume3d;
  Geometry volume;
  volume.size = {64, 64, 40};
  Geometry radiograph;
  radiograph.size = {64, 64, 1};
  EXPECT_EQ(whyNotApplicable(manifest, "CT", "chest", volume), "");
  EXPECT_EQ(whyNotApplicable(manifest, "MR", "CHEST", volume), "it reads CT, the image is MR");
  EXPECT_EQ(whyNotApplicable(manifest, "CT", "HEAD", volume),
            "it reads the CHEST, the image is of the HEAD");
  EXPECT_EQ(whyNotApplicable(manifest, "", "", volume), "");  // a NIfTI file does not say
  EXPECT_EQ(whyNotApplicable(manifest, "CT", "CHEST", radiograph),
            "it reads volumes, the image is a single 2D image");
  manifest.dimensionality = ModelDimensionality::Image2d;
  manifest.modalities.clear();
  manifest.bodyParts.clear();
  EXPECT_EQ(whyNotApplicable(manifest, "", "", volume),
            "it reads single 2D images, the image is a volume of 40 slices");
}

}  // namespace
}  // namespace lumen::inference

namespace lumen::inference {
namespace {

TEST(InferenceWorker, ReportsProgressThroughTheStagesOfAJob) {
  TemporaryFolder folder;
  const ModelPackage model = testing::thresholdSegmenter(folder.path(), 16);
  std::vector<std::int16_t> voxels(40 * 40 * 40, 0);
  InferenceJob job;
  job.model = model;
  job.image.voxels = voxels.data();
  job.image.geometry.size = {40, 40, 40};
  job.modality = "CT";
  std::vector<std::pair<double, std::string>> reports;  // written by the worker thread only
  job.progress = [&reports](JobId, double fraction, const std::string& stage) {
    reports.emplace_back(fraction, stage);
  };
  Outcomes outcomes;
  job.finished = outcomes.collector();
  {
    InferenceWorker worker(cpu());
    worker.submit(std::move(job));
    ASSERT_EQ(outcomes.wait(1).at(0).status, JobOutcome::Status::Done);
  }  // joined: the reports are complete
  ASSERT_GT(reports.size(), 5u);
  EXPECT_EQ(reports.front(), (std::pair<double, std::string>{0.0, "read"}));
  EXPECT_EQ(reports.back(), (std::pair<double, std::string>{1.0, "done"}));
  for (std::size_t n = 1; n < reports.size(); ++n) {
    EXPECT_GE(reports[n].first, reports[n - 1].first) << reports[n].second;
  }
  EXPECT_TRUE(std::any_of(reports.begin(), reports.end(),
                          [](const auto& r) { return r.second == "model"; }));
}

}  // namespace
}  // namespace lumen::inference

namespace lumen::inference {
namespace {

TEST(InferenceWorker, AModelWhoseManifestChangedIsCheckedAgain) {
  TemporaryFolder folder;
  const ModelPackage plain = testing::regionClassifier(folder.path(), R"({"method": "none"})");
  // The same weights (same SHA-256), now said to offer Grad-CAM on a layer it does not have.
  ModelPackage edited = plain;
  edited.manifest.heatmap = HeatmapMethod::GradCam;
  edited.manifest.heatmapLayer = "backbone";
  const Radiograph xray;
  Outcomes outcomes;
  InferenceWorker worker(cpu());
  worker.submit(jobFor(plain, xray, outcomes));
  worker.submit(jobFor(edited, xray, outcomes));
  const std::vector<JobOutcome> done = outcomes.wait(2);
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(done[0].status, JobOutcome::Status::Done);
  EXPECT_EQ(done[1].status, JobOutcome::Status::Failed);
  EXPECT_NE(done[1].error.find("backbone_head(features); backbone is missing"), std::string::npos)
      << done[1].error;
}

}  // namespace
}  // namespace lumen::inference
