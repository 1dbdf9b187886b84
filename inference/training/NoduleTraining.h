#pragma once

// Trains the demo nodule segmenter on patches of synthetic chest CTs (phantoms/), a fresh case
// for every patch. LibTorch here: not for Qt code.

#include <torch/script.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>

namespace lumen::inference::training {

struct NoduleTraining {
  int steps = 3000;
  int batchSize = 2;
  /// Patch voxels (i, j, k) at the phantom's 1.4 × 1.4 × 2 mm; each a multiple of 4.
  std::array<std::int64_t, 3> patch{64, 64, 32};
  double learningRate = 1e-3;  ///< Adam's, decayed to 5 % of it by a cosine schedule
  std::uint64_t seed = 1;      ///< weights and the order of everything random
  /// Case seeds firstCase, firstCase + 1, ... (one per patch); the evaluation's test cases lie
  /// far beyond.
  std::uint64_t firstCase = 1'000'000;
  /// Called every few steps with the step and the mean loss since the last call.
  std::function<void(int step, double loss)> progress;
};

/// The trained network: [N, 1, z, y, x] windowed HU → logits [N, 2, z, y, x].
torch::jit::Module trainNoduleSegmenter(const NoduleTraining& options);

/// The package's manifest (JSON): CT chest volumes, the patch as a sliding window at the
/// phantom's spacing, the lung window, labels background and nodule, the model card.
std::string noduleManifest(const NoduleTraining& options);

}  // namespace lumen::inference::training
