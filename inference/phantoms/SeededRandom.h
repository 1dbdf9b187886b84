#pragma once

// Reproducible random numbers for phantoms: the same seed gives the same numbers on every
// standard library (only std::mt19937_64's raw outputs are used, never the implementation-defined
// std:: distributions). No global state.

#include <array>
#include <cmath>
#include <cstdint>
#include <random>

namespace lumen::inference::phantoms {

/// SplitMix64's finaliser: a bijective, well-mixed 64-bit hash.
inline std::uint64_t mixBits(std::uint64_t v) {
  v += 0x9e3779b97f4a7c15ULL;
  v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
  v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
  return v ^ (v >> 31);
}

/// A hash of a seed and an integer lattice point, for noise that depends only on where it is
/// (so any sub-box of a volume gets the same values as the whole).
inline std::uint64_t hashPoint(std::uint64_t seed, std::int64_t i, std::int64_t j, std::int64_t k) {
  std::uint64_t h = mixBits(seed ^ static_cast<std::uint64_t>(i));
  h = mixBits(h ^ static_cast<std::uint64_t>(j));
  return mixBits(h ^ static_cast<std::uint64_t>(k));
}

/// A number in [-1, 1) from a hash.
inline float signedUnit(std::uint64_t hash) {
  return static_cast<float>(hash >> 40) * (2.0f / 16777216.0f) - 1.0f;
}

/// An approximately standard normal number from a hash: the sum of four 16-bit uniforms,
/// centred and scaled (Irwin–Hall; cheap enough for every voxel, exact to about ±3.4σ).
inline float roughNormal(std::uint64_t hash) {
  const std::uint64_t sum =
      (hash & 0xffff) + ((hash >> 16) & 0xffff) + ((hash >> 32) & 0xffff) + (hash >> 48);
  // Four uniforms on [0, 65535] have mean 131070 and standard deviation 65536 / sqrt(3).
  return (static_cast<float>(sum) - 131070.0f) * (1.7320508f / 65536.0f);
}

/// A seeded stream of random numbers: mt19937_64 with its own uniform and normal (Box–Muller)
/// transforms. `stream` picks an independent sequence for the same seed, so parts of a phantom
/// drawn from different streams do not shift when one part draws more numbers.
/// Not safe to share between threads; make one per thread (they are cheap).
class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed, std::uint64_t stream = 0)
      : m_engine(mixBits(seed ^ mixBits(stream * 0x632be59bd9b4e019ULL + 1))) {}

  /// 64 random bits.
  std::uint64_t bits() { return m_engine(); }
  /// Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
  /// Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer on [lo, hi] (inclusive).
  int integer(int lo, int hi);
  /// exp of a uniform number between ln(lo) and ln(hi): small values as often as large ones.
  double logUniform(double lo, double hi) { return std::exp(uniform(std::log(lo), std::log(hi))); }
  /// True with probability p.
  bool chance(double p) { return uniform() < p; }
  /// Nearly normal (mean 0, variance 1) from one draw: four 16-bit uniforms summed and scaled.
  /// Cheaper than normal() where millions are needed (noise, textures).
  double quickNormal() {
    const std::uint64_t b = m_engine();
    const auto sum = static_cast<std::int64_t>((b & 0xFFFF) + ((b >> 16) & 0xFFFF) +
                                               ((b >> 32) & 0xFFFF) + (b >> 48));
    return static_cast<double>(sum - 2 * 65536) * (1.7320508075688772 / 65536.0);
  }
  /// Standard normal (Box–Muller, one value per call).
  double normal();
  /// A uniformly distributed unit vector.
  std::array<double, 3> unitVector();

 private:
  std::mt19937_64 m_engine;
};

}  // namespace lumen::inference::phantoms
