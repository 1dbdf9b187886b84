#include "inference/phantoms/SeededRandom.h"

#include <cmath>

namespace lumen::inference::phantoms {

int SeededRandom::integer(int lo, int hi) {
  if (hi <= lo) return lo;
  const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
  return lo + static_cast<int>(m_engine() % span);  // bias below 2^-32 for any int range
}

double SeededRandom::normal() {
  const double u = 1.0 - uniform();  // (0, 1]: log stays finite
  const double v = uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
}

std::array<double, 3> SeededRandom::unitVector() {
  const double z = uniform(-1.0, 1.0);
  const double phi = uniform(0.0, 2.0 * M_PI);
  const double s = std::sqrt(1.0 - z * z);
  return {s * std::cos(phi), s * std::sin(phi), z};
}

}  // namespace lumen::inference::phantoms
