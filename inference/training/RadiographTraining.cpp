#include "inference/training/RadiographTraining.h"

#include <torch/torch.h>

#include <algorithm>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "inference/evaluation/Metrics.h"
#include "inference/evaluation/RadiographEvaluation.h"
#include "inference/phantoms/ChestRadiograph.h"
#include "inference/training/Networks.h"
#include "inference/training/TrainingLoop.h"

namespace lumen::inference::training {
namespace {

using phantoms::kRadiographFindingCount;

struct Batch {
  at::Tensor images;  // [n, 1, size, size]
  at::Tensor labels;  // [n, findings], 0 or 1
};

Batch phantomBatch(std::uint64_t firstCase, int count, int size) {
  std::vector<at::Tensor> images;
  at::Tensor labels = at::zeros({count, kRadiographFindingCount});
  phantoms::RadiographOptions options;
  options.size = size;
  for (int n = 0; n < count; ++n) {
    const phantoms::ChestRadiograph xray =
        phantoms::makeChestRadiograph(firstCase + static_cast<std::uint64_t>(n), options);
    images.push_back(radiographInput(xray.pixels, size));
    for (int f = 0; f < kRadiographFindingCount; ++f) labels[n][f] = xray.present[f] ? 1.0 : 0.0;
  }
  return {at::cat(images), labels};
}

}  // namespace

at::Tensor radiographInput(const std::vector<std::uint16_t>& pixels, int size) {
  std::vector<float> values(pixels.begin(), pixels.end());
  at::Tensor x = at::from_blob(values.data(), {1, 1, size, size}, at::kFloat).clone();
  const at::Tensor centred = x - x.mean();
  const at::Tensor deviation = (centred * centred).mean().sqrt().clamp_min(1e-6);
  return centred / deviation;
}

TrainedClassifier trainRadiographClassifier(const RadiographTraining& o) {
  const std::uint64_t firstValidation =
      o.firstCase + static_cast<std::uint64_t>(o.steps) * static_cast<std::uint64_t>(o.batchSize);
  if (firstValidation + static_cast<std::uint64_t>(o.validationCases) >
      evaluation::kRadiographTestFirstCase) {
    throw std::invalid_argument("training and validation cases would reach the test cases (" +
                                std::to_string(evaluation::kRadiographTestFirstCase) +
                                "): fewer steps or a smaller batch");
  }
  torch::manual_seed(o.seed);
  TrainedClassifier trained{radiographClassifier(kRadiographFindingCount, o.seed), {}, {}};
  for (int f = 0; f < kRadiographFindingCount; ++f)
    trained.labels.emplace_back(findingLabel(static_cast<phantoms::RadiographFinding>(f)));
  torch::jit::Module& model = trained.module;
  optimise(
      model, o.steps, o.learningRate,
      [&](int step) {
        const Batch batch = phantomBatch(
            o.firstCase + static_cast<std::uint64_t>(step) * o.batchSize, o.batchSize, o.imageSize);
        return at::binary_cross_entropy_with_logits(model.forward({batch.images}).toTensor(),
                                                    batch.labels);
      },
      o.progress);

  // Operating thresholds on cases after the training range.
  model.eval();
  std::vector<evaluation::BinaryScores> cases(kRadiographFindingCount);
  torch::NoGradGuard noGradients;
  for (int first = 0; first < o.validationCases; first += o.batchSize) {
    const int count = std::min(o.batchSize, o.validationCases - first);
    const Batch batch = phantomBatch(firstValidation + first, count, o.imageSize);
    const at::Tensor p = at::sigmoid(model.forward({batch.images}).toTensor());
    for (int n = 0; n < count; ++n) {
      for (int f = 0; f < kRadiographFindingCount; ++f)
        cases[f].add(p[n][f].item<double>(), batch.labels[n][f].item<double>() > 0.5);
    }
  }
  for (const evaluation::BinaryScores& finding : cases)
    trained.thresholds.push_back(evaluation::youdenThreshold(finding));
  return trained;
}

std::string radiographManifest(const TrainedClassifier& model, int imageSize) {
  std::ostringstream labels;
  std::ostringstream thresholds;
  thresholds << std::setprecision(std::numeric_limits<double>::max_digits10);
  for (std::size_t n = 0; n < model.labels.size(); ++n) {
    labels << (n > 0 ? ", " : "") << '"' << model.labels[n] << '"';
    thresholds << (n > 0 ? ", " : "") << model.thresholds[n];
  }
  std::ostringstream json;
  json << R"({
  "name": "Lumen demo chest radiograph classifier",
  "version": "1.0",
  "description": "A compact CNN trained by Lumen in C++ on synthetic chest radiographs only.",
  "intended_use": "Demonstrates Lumen's AI workflow on Lumen's synthetic demo radiographs. It has never seen a patient image and says nothing about real ones.",
  "not_for_clinical_use": true,
  "license": "Apache-2.0",
  "task": "classification",
  "applies_to": {"modalities": ["DX", "CR"], "body_parts": ["CHEST"], "dimensionality": "image2d"},
  "input": {"channels": 1, "size": [)"
       << imageSize << ", " << imageSize << R"(], "intensity": {"transform": "zscore"}},
  "output": {"labels": [)"
       << labels.str() << R"(], "activation": "sigmoid", "thresholds": [)" << thresholds.str()
       << R"(]},
  "heatmap": {"method": "gradcam", "layer": "features"}
})";
  return json.str();
}

}  // namespace lumen::inference::training
