#pragma once

// How good a model is on cases whose truth is known: ROC curves, AUC, and the counts at an
// operating threshold. Standard headers only.

#include <vector>

namespace lumen::inference::evaluation {

/// One point of a ROC curve.
struct RocPoint {
  double falsePositiveRate = 0.0;
  double truePositiveRate = 0.0;
  double threshold = 0.0;  ///< scores at or above it count as positive
};

/// A binary classifier's scores against the truth.
struct BinaryScores {
  std::vector<double> scores;
  std::vector<bool> truth;
  void add(double score, bool positive) {
    scores.push_back(score);
    truth.push_back(positive);
  }
};

/// The ROC curve from (0, 0) to (1, 1), one point per distinct score (ties form one step).
/// Throws std::invalid_argument for a score that is not finite.
std::vector<RocPoint> rocCurve(const BinaryScores& cases);

/// The area under the ROC curve: the probability that a random positive case scores above a
/// random negative one, ties counting half. NaN when the cases have no positive or no negative.
double areaUnderRoc(const BinaryScores& cases);

/// The operating threshold that maximises sensitivity + specificity (Youden's J): halfway between
/// the lowest score called positive and the next lower score, so it does not sit on a case (the
/// lowest score when every case is best called positive). 0.5 when the cases have no positive or
/// no negative.
double youdenThreshold(const BinaryScores& cases);

/// The counts and rates at an operating threshold (score ≥ threshold is called positive).
struct OperatingPoint {
  double threshold = 0.5;
  int truePositives = 0;
  int falsePositives = 0;
  int trueNegatives = 0;
  int falseNegatives = 0;
  double accuracy() const;
  double sensitivity() const;  ///< recall; NaN without positives
  double specificity() const;  ///< NaN without negatives
  double precision() const;    ///< NaN when nothing is called positive
  double f1() const;           ///< NaN when undefined
};

OperatingPoint operatingPoint(const BinaryScores& cases, double threshold);

}  // namespace lumen::inference::evaluation
