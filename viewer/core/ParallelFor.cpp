#include "core/ParallelFor.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace lumen::core {

void parallelFor(std::size_t count, unsigned threads,
                 const std::function<void(std::size_t, unsigned)>& task) {
  std::atomic<std::size_t> next{0};
  auto work = [&](unsigned worker) {
    for (std::size_t n = next++; n < count; n = next++) task(n, worker);
  };
  const std::size_t helpers = std::min<std::size_t>(std::max(1u, threads), count) - (count > 0);
  std::vector<std::thread> pool;
  pool.reserve(helpers);
  for (std::size_t t = 0; t < helpers; ++t) pool.emplace_back(work, static_cast<unsigned>(t + 1));
  work(0);
  for (std::thread& thread : pool) thread.join();
}

unsigned workerThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace lumen::core
