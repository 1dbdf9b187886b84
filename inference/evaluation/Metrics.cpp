#include "inference/evaluation/Metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace lumen::inference::evaluation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double a, double b) { return b > 0 ? a / b : kNaN; }

}  // namespace

std::vector<RocPoint> rocCurve(const BinaryScores& cases) {
  if (!std::all_of(cases.scores.begin(), cases.scores.end(),
                   [](double s) { return std::isfinite(s); })) {
    throw std::invalid_argument("scores must be finite numbers");
  }
  std::vector<std::size_t> order(cases.scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](auto a, auto b) { return cases.scores[a] > cases.scores[b]; });
  const double positives =
      static_cast<double>(std::count(cases.truth.begin(), cases.truth.end(), true));
  const double negatives = static_cast<double>(cases.truth.size()) - positives;
  std::vector<RocPoint> curve{{0.0, 0.0, std::numeric_limits<double>::infinity()}};
  double tp = 0;
  double fp = 0;
  for (std::size_t r = 0; r < order.size(); ++r) {
    (cases.truth[order[r]] ? tp : fp) += 1.0;
    const bool lastOfTie =
        r + 1 == order.size() || cases.scores[order[r + 1]] != cases.scores[order[r]];
    if (lastOfTie) {
      curve.push_back({negatives > 0 ? fp / negatives : 0.0, positives > 0 ? tp / positives : 0.0,
                       cases.scores[order[r]]});
    }
  }
  return curve;
}

double areaUnderRoc(const BinaryScores& cases) {
  const auto positives = std::count(cases.truth.begin(), cases.truth.end(), true);
  const auto negatives = static_cast<std::ptrdiff_t>(cases.truth.size()) - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  // The trapezoids of the curve: exactly the Mann–Whitney statistic with ties counting half.
  const std::vector<RocPoint> curve = rocCurve(cases);
  double area = 0.0;
  for (std::size_t n = 1; n < curve.size(); ++n) {
    area += (curve[n].falsePositiveRate - curve[n - 1].falsePositiveRate) *
            (curve[n].truePositiveRate + curve[n - 1].truePositiveRate) / 2.0;
  }
  return area;
}

double youdenThreshold(const BinaryScores& cases) {
  const std::vector<RocPoint> curve = rocCurve(cases);
  const bool bothClasses = std::count(cases.truth.begin(), cases.truth.end(), true) > 0 &&
                           std::count(cases.truth.begin(), cases.truth.end(), false) > 0;
  if (!bothClasses) return 0.5;
  std::size_t best = 1;
  for (std::size_t n = 1; n < curve.size(); ++n) {
    if (curve[n].truePositiveRate - curve[n].falsePositiveRate >
        curve[best].truePositiveRate - curve[best].falsePositiveRate)
      best = n;
  }
  // Every case called positive: the lowest score itself is the threshold.
  if (best + 1 == curve.size()) return curve[best].threshold;
  return (curve[best].threshold + curve[best + 1].threshold) / 2.0;
}

OperatingPoint operatingPoint(const BinaryScores& cases, double threshold) {
  OperatingPoint p;
  p.threshold = threshold;
  for (std::size_t n = 0; n < cases.scores.size(); ++n) {
    const bool called = cases.scores[n] >= threshold;
    if (cases.truth[n]) {
      (called ? p.truePositives : p.falseNegatives)++;
    } else {
      (called ? p.falsePositives : p.trueNegatives)++;
    }
  }
  return p;
}

double OperatingPoint::accuracy() const {
  return ratio(truePositives + trueNegatives,
               truePositives + trueNegatives + falsePositives + falseNegatives);
}
double OperatingPoint::sensitivity() const {
  return ratio(truePositives, truePositives + falseNegatives);
}
double OperatingPoint::specificity() const {
  return ratio(trueNegatives, trueNegatives + falsePositives);
}
double OperatingPoint::precision() const {
  return ratio(truePositives, truePositives + falsePositives);
}
double OperatingPoint::f1() const {
  return ratio(2.0 * truePositives, 2.0 * truePositives + falsePositives + falseNegatives);
}

}  // namespace lumen::inference::evaluation
