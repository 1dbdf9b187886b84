#pragma once

// An evaluation as a self-contained HTML page (tables and ROC curves as inline SVG, nothing to
// fetch) and as plain text. Standard headers only.

#include <string>

#include "inference/evaluation/NoduleEvaluation.h"
#include "inference/evaluation/RadiographEvaluation.h"

namespace lumen::inference::evaluation {

/// The whole report: what was evaluated on what, per finding AUC, accuracy, sensitivity,
/// specificity, F1 at the operating threshold, heatmap localisation, and each ROC curve.
std::string htmlReport(const RadiographEvaluation& evaluation);

/// One line per finding, for a terminal.
std::string textSummary(const RadiographEvaluation& evaluation);

/// An SVG ROC curve (0..1 on both axes, the diagonal dotted, the operating point marked).
std::string rocSvg(const FindingEvaluation& finding, int pixels = 220);

/// The segmenter's report: Dice per nodule size band, detection at every minimum lesion volume
/// (an FROC curve) and the operating point at one false positive per scan.
std::string htmlReport(const NoduleEvaluation& evaluation);

/// A few lines for a terminal.
std::string textSummary(const NoduleEvaluation& evaluation);

}  // namespace lumen::inference::evaluation
