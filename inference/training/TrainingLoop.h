#pragma once

// The optimisation loop the demo models share. LibTorch here: not for Qt code.

#include <torch/script.h>

#include <functional>

namespace lumen::inference::training {

/// Trains `module` (left in training mode) with Adam over its parameters for `steps` steps, the
/// learning rate decayed from `learningRate` to 5 % of it by a cosine. `lossAt(step)` makes the
/// step's batch and returns its loss. `progress`, when set, gets the step and the mean loss every
/// 20 steps and at the end. Throws std::runtime_error naming the step when a loss is not finite.
void optimise(torch::jit::Module& module, int steps, double learningRate,
              const std::function<at::Tensor(int step)>& lossAt,
              const std::function<void(int step, double loss)>& progress);

/// Calls `draw(0)` … `draw(count − 1)` spread over LibTorch's threads and returns when all are
/// done. For drawing a batch's phantoms, a third of a training step that otherwise runs on one
/// core while the others wait; each case depends only on its seed, so the batch is the same.
/// `draw` must be safe to call from several threads at once.
void drawInParallel(int count, const std::function<void(int item)>& draw);

}  // namespace lumen::inference::training
