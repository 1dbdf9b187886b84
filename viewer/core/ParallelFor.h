#pragma once

#include <cstddef>
#include <functional>

namespace lumen::core {

/// Calls `task(n, worker)` for every n in [0, count) on up to `threads` threads (the calling
/// thread is worker 0), each taking the next index in order, so index 0 starts first. `worker`
/// (< threads) lets a task keep per-thread state. Returns when all calls have returned. `task`
/// must not throw and must be safe to call from several threads.
void parallelFor(std::size_t count, unsigned threads,
                 const std::function<void(std::size_t item, unsigned worker)>& task);

/// Threads worth using for CPU-bound work here: the hardware's count, at least 1.
unsigned workerThreads();

}  // namespace lumen::core
