#pragma once

// Trains the demo chest radiograph classifier on synthetic radiographs (phantoms/), fresh cases
// every step, so it never sees a case twice. LibTorch here: not for Qt code.

#include <torch/script.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lumen::inference::training {

struct RadiographTraining {
  int steps = 2500;
  int batchSize = 16;
  int imageSize = 256;         ///< the network's input, pixels (the phantom is drawn at it)
  double learningRate = 2e-3;  ///< Adam's, decayed to 5 % of it by a cosine schedule
  std::uint64_t seed = 1;      ///< weights and the order of everything random
  /// Training cases are phantoms firstCase, firstCase + 1, ...; validation cases (for the
  /// operating thresholds) follow them. The test cases (evaluation::kRadiographTestFirstCase on)
  /// lie far beyond both.
  std::uint64_t firstCase = 1'000'000;
  int validationCases = 600;
  /// Called every few steps with the step and the mean loss since the last call.
  std::function<void(int step, double loss)> progress;
};

/// A trained classifier and the operating threshold chosen for each finding on the validation
/// set (the probability that maximises sensitivity + specificity).
struct TrainedClassifier {
  torch::jit::Module module;
  std::vector<std::string> labels;
  std::vector<double> thresholds;
};

/// A phantom as the network takes it: its pixels scaled to zero mean and unit variance (the
/// manifest's "zscore" transform), [1, 1, size, size].
at::Tensor radiographInput(const std::vector<std::uint16_t>& pixels, int size);

/// The classifier's training loss for `images` [N, 1, s, s], `labels` [N, findings] and `masks`
/// [N, findings, s, s] (0 or 1): the binary cross-entropy of each finding's logit plus that of
/// each cell of its finding map against the fraction of the cell its mask covers, the cells a
/// finding covers weighing as much as the rest. The second term is what makes Grad-CAM (which
/// shows these maps) point into the finding.
at::Tensor classifierLoss(torch::jit::Module& model, const at::Tensor& images,
                          const at::Tensor& labels, const at::Tensor& masks);

TrainedClassifier trainRadiographClassifier(const RadiographTraining& options);

/// The package's manifest (JSON) for a trained classifier: labels, thresholds, input, Grad-CAM
/// and the model card.
std::string radiographManifest(const TrainedClassifier& model, int imageSize);

}  // namespace lumen::inference::training
