#include "core/IntensityStatistics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

namespace lumen::core {

namespace {

/// Counts of every possible value of an 8- or 16-bit integer type, in one pass.
template <typename T>
std::vector<std::uint64_t> countValues(const T* voxels, std::size_t count) {
  std::vector<std::uint64_t> counts(std::size_t{1} << (8 * sizeof(T)), 0);
  for (std::size_t n = 0; n < count; ++n) {
    ++counts[static_cast<std::make_unsigned_t<T>>(voxels[n] - std::numeric_limits<T>::min())];
  }
  return counts;
}

}  // namespace

IntensityStatistics::IntensityStatistics(const Volume& volume) {
  const std::size_t count = volume.sampleCount();
  dispatchPixelType(volume.pixelType(), [&](auto zero) {
    using T = decltype(zero);
    const T* voxels = static_cast<const T*>(volume.data());
    if constexpr (std::is_integral_v<T> && sizeof(T) <= 2) {
      // Small integer types (most CT and MR): exact counts per value, then binned.
      const std::vector<std::uint64_t> counts = countValues(voxels, count);
      const double offset = std::numeric_limits<T>::min();
      std::size_t first = 0;
      while (counts[first] == 0) ++first;
      std::size_t last = counts.size() - 1;
      while (counts[last] == 0) --last;
      m_minimum = first + offset;
      m_maximum = last + offset;
      const double scale = last > first ? kBins / static_cast<double>(last - first) : 0.0;
      double sum = 0.0;
      for (std::size_t value = first; value <= last; ++value) {
        const int bin = std::min(kBins - 1, static_cast<int>((value - first) * scale));
        m_counts[bin] += static_cast<double>(counts[value]);
        sum += static_cast<double>(counts[value]) * (static_cast<double>(value) + offset);
      }
      m_total = static_cast<double>(count);
      m_mean = sum / m_total;
    } else {
      double lo = std::numeric_limits<double>::infinity();
      double hi = -lo;
      for (std::size_t n = 0; n < count; ++n) {
        const double v = static_cast<double>(voxels[n]);
        if (std::isfinite(v)) {
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
      }
      if (!(lo <= hi)) return;  // no finite voxel at all
      m_minimum = lo;
      m_maximum = hi;
      const double scale = hi > lo ? kBins / (hi - lo) : 0.0;
      double sum = 0.0;
      for (std::size_t n = 0; n < count; ++n) {
        const double v = static_cast<double>(voxels[n]);
        if (!std::isfinite(v)) continue;
        sum += v;
        // Compared before converting: (v − lo) · scale is NaN or huge when hi − lo overflows.
        const double position = (v - lo) * scale;
        const int bin = position >= kBins - 1 ? kBins - 1
                        : position > 0.0      ? static_cast<int>(position)
                                              : 0;
        m_counts[bin] += 1.0;
        m_total += 1.0;
      }
      m_mean = sum / m_total;
    }
  });
}

double IntensityStatistics::quantile(double fraction) const {
  const double target = std::clamp(fraction, 0.0, 1.0) * m_total;
  const double binWidth = (m_maximum - m_minimum) / kBins;
  double seen = 0.0;
  for (int bin = 0; bin < kBins; ++bin) {
    if (seen + m_counts[bin] >= target && m_counts[bin] > 0.0) {
      const double within = (target - seen) / m_counts[bin];
      return m_minimum + (bin + within) * binWidth;
    }
    seen += m_counts[bin];
  }
  return m_maximum;
}

Window IntensityStatistics::defaultWindow() const {
  const double lower = quantile(0.001);
  const double upper = quantile(0.999);
  return {(lower + upper) / 2.0, std::max(upper - lower, 1.0)};
}

}  // namespace lumen::core
