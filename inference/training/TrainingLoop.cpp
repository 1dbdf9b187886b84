#include "inference/training/TrainingLoop.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

void drawInParallel(int count, const std::function<void(int)>& draw) {
  // std::thread, not at::parallel_for: that one is inline OpenMP, serial unless the caller is
  // built with -fopenmp.
  const int workers = std::clamp(at::get_num_threads(), 1, std::max(1, count));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (int item = w; item < count; item += workers) draw(item);
      } catch (...) {
        errors[static_cast<std::size_t>(w)] = std::current_exception();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace lumen::inference::training
