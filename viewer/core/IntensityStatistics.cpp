#include "core/IntensityStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lumen::core {

IntensityStatistics::IntensityStatistics(const Volume& volume) {
  const std::size_t count = volume.voxelCount();
  dispatchPixelType(volume.pixelType(), [&](auto zero) {
    using T = decltype(zero);
    const T* voxels = static_cast<const T*>(volume.data());
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
    for (std::size_t n = 0; n < count; ++n) {
      const double v = static_cast<double>(voxels[n]);
      if (!std::isfinite(v)) continue;
      const int bin = std::min(kBins - 1, static_cast<int>((v - lo) * scale));
      m_counts[bin] += 1.0;
      m_total += 1.0;
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
