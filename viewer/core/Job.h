#pragma once

#include <atomic>
#include <functional>

namespace lumen::core {

/// Receives a job's progress as a fraction in [0, 1]. Called on the job's thread.
using ProgressCallback = std::function<void(double fraction)>;

/// Set by the thread that asked for a job, polled by the job. Thread-safe.
class CancelToken {
 public:
  void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
  bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> m_cancelled{false};
};

}  // namespace lumen::core
