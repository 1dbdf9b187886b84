#pragma once

#include <array>

#include "core/Volume.h"

namespace lumen::core {

/// A display window over stored voxel values (HU for CT).
struct Window {
  double center = 0.0;
  double width = 1.0;
};

/// Distribution of a volume's voxel values, from a histogram of every voxel (every sample of a
/// colour volume).
class IntensityStatistics {
 public:
  /// Scans the whole buffer once. Safe to call from any thread.
  explicit IntensityStatistics(const Volume& volume);

  double minimum() const { return m_minimum; }
  double maximum() const { return m_maximum; }
  /// Mean of all finite values (all components of a colour volume), summed in double.
  double mean() const { return m_mean; }

  /// Value below which `fraction` (0..1) of the voxels lie, to within one histogram bin
  /// (1/4096 of the value range).
  double quantile(double fraction) const;

  /// The window a slice view opens with: the 0.1 %–99.9 % quantile range, so that a few outliers
  /// (metal, padding values) do not wash out the image. Never narrower than 1.
  Window defaultWindow() const;

 private:
  static constexpr int kBins = 4096;
  double m_minimum = 0.0;
  double m_maximum = 0.0;
  double m_total = 0.0;
  double m_mean = 0.0;
  std::array<double, kBins> m_counts{};
};

}  // namespace lumen::core
