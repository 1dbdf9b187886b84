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
  at::Tensor masks;   // [n, findings, size, size], 0 or 1
};

Batch phantomBatch(std::uint64_t firstCase, int count, int size) {
  phantoms::RadiographOptions options;
  options.size = size;
  std::vector<phantoms::ChestRadiograph> xrays(static_cast<std::size_t>(count));
  drawInParallel(count, [&](int n) {
    xrays[static_cast<std::size_t>(n)] =
        phantoms::makeChestRadiograph(firstCase + static_cast<std::uint64_t>(n), options);
  });
  std::vector<at::Tensor> images;
  at::Tensor labels = at::zeros({count, kRadiographFindingCount});
  at::Tensor masks = at::zeros({count, kRadiographFindingCount, size, size});
  for (int n = 0; n < count; ++n) {
    phantoms::ChestRadiograph& xray = xrays[static_cast<std::size_t>(n)];
    images.push_back(radiographInput(xray.pixels, size));
    for (int f = 0; f < kRadiographFindingCount; ++f) {
      if (!xray.present[f]) continue;
      labels[n][f] = 1.0;
      masks[n][f].copy_(at::from_blob(xray.masks[f].data(), {size, size}, at::kByte));
    }
  }
  return {at::cat(images), labels, masks};
}

}  // namespace

at::Tensor radiographInput(const std::vector<std::uint16_t>& pixels, int size) {
  std::vector<float> values(pixels.begin(), pixels.end());
  at::Tensor x = at::from_blob(values.data(), {1, 1, size, size}, at::kFloat).clone();
  const at::Tensor centred = x - x.mean();
  const at::Tensor deviation = (centred * centred).mean().sqrt().clamp_min(1e-6);
  return centred / deviation;
}

at::Tensor classifierLoss(torch::jit::Module& model, const at::Tensor& images,
                          const at::Tensor& labels, const at::Tensor& masks) {
  const at::Tensor features = model.run_method("features", images).toTensor();
  const at::Tensor logits = model.run_method("features_head", features).toTensor();
  const at::Tensor maps = model.run_method("finding_maps", features).toTensor();
  const int64_t cell = images.size(2) / maps.size(2);
  const at::Tensor covered = at::avg_pool2d(masks, {cell, cell});
  // The cells a finding covers and those it does not count equally, per finding over the batch.
  // A nodule covers a few cells of 4096: averaged over all cells, its map learned nothing, and
  // the soft maximum settled on one spot that was bright in every image (the finding's prior).
  const at::Tensor cellLoss =
      at::binary_cross_entropy_with_logits(maps, covered, {}, {}, at::Reduction::None);
  const at::Tensor inside = (covered > 0).to(maps.scalar_type());
  const at::Tensor outside = 1.0 - inside;
  const std::vector<int64_t> perFinding{0, 2, 3};
  const at::Tensor insideLoss =
      (cellLoss * inside).sum(perFinding) / inside.sum(perFinding).clamp_min(1.0);
  const at::Tensor outsideLoss =
      (cellLoss * outside).sum(perFinding) / outside.sum(perFinding).clamp_min(1.0);
  return at::binary_cross_entropy_with_logits(logits, labels) + (insideLoss + outsideLoss).mean();
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
        return classifierLoss(model, batch.images, batch.labels, batch.masks);
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
