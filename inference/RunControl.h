#pragma once

// How a job is run and steered, and how it fails. Standard headers only: the app includes this.

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

namespace lumen::inference {

/// The first line of `text`: LibTorch's messages run over many lines (with a C++ stack), and the
/// first one says what failed.
inline std::string firstLineOf(const std::string& text) { return text.substr(0, text.find('\n')); }

/// A job that could not give a result; the message says which model and what went wrong.
class InferenceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The device ran out of memory even with one patch or slice at a time.
class DeviceOutOfMemory : public InferenceError {
 public:
  using InferenceError::InferenceError;
};

/// The job was cancelled through its token.
class JobCancelled : public std::runtime_error {
 public:
  JobCancelled() : std::runtime_error("cancelled") {}
};

/// Choices for one run of a model.
struct RunOptions {
  bool heatmaps = true;        ///< one per finding, by the manifest's method
  int batchSize = 4;           ///< patches or slices per forward pass (halved on out-of-memory)
  int smoothGradSamples = 16;  ///< noisy copies averaged for a saliency heatmap
  /// Sliding-window sums stay on the device up to this size, else they are kept in host memory.
  long long deviceAccumulatorBytes = 1LL << 30;
};

/// A job's cancel token and progress report, checked between batches.
struct JobControl {
  const std::atomic<bool>* cancelled = nullptr;
  std::function<void(double fraction, const std::string& stage)> progress;

  /// Throws JobCancelled once the token is set.
  void checkCancelled() const {
    if (cancelled != nullptr && cancelled->load(std::memory_order_relaxed)) throw JobCancelled();
  }
  void report(double fraction, const std::string& stage) const {
    if (progress) progress(fraction, stage);
  }
};

}  // namespace lumen::inference
