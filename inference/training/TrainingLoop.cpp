#include "inference/training/TrainingLoop.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "inference/training/Networks.h"

namespace lumen::inference::training {

void optimise(torch::jit::Module& module, int steps, double learningRate,
              const std::function<at::Tensor(int)>& lossAt,
              const std::function<void(int, double)>& progress) {
  module.train();
  torch::optim::Adam optimiser(parametersOf(module), torch::optim::AdamOptions(learningRate));
  double lossSum = 0.0;
  int lossCount = 0;
  for (int step = 0; step < steps; ++step) {
    const double done = static_cast<double>(step) / std::max(1, steps - 1);
    const double rate = learningRate * (0.05 + 0.95 * 0.5 * (1.0 + std::cos(M_PI * done)));
    for (auto& group : optimiser.param_groups())
      static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
    const at::Tensor loss = lossAt(step);
    optimiser.zero_grad();
    loss.backward();
    optimiser.step();
    const double value = loss.item<double>();
    if (!std::isfinite(value)) {
      throw std::runtime_error("the loss is not finite at step " + std::to_string(step + 1) +
                               ": the learning rate is too high");
    }
    lossSum += value;
    ++lossCount;
    if (progress && ((step + 1) % 20 == 0 || step + 1 == steps)) {
      progress(step + 1, lossSum / lossCount);
      lossSum = 0.0;
      lossCount = 0;
    }
  }
}

}  // namespace lumen::inference::training
