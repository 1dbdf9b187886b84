#pragma once

#include <string>

namespace lumen::app {

/// What `lumen evaluate` prints and returns.
struct EvaluateReport {
  std::string text;   ///< stdout: one line per finding, and where the report went
  std::string error;  ///< stderr: progress, and what went wrong
  int exitCode = 0;   ///< 0, or 1 when the model cannot be evaluated or the report not written
};

/// Evaluates the model at `model` (see inference/evaluation) and writes the HTML report to
/// `reportPath`: a 2D classifier on `cases` synthetic test radiographs of `imageSize` pixels
/// (default 500), a 3D segmenter on `cases` synthetic chest CTs (default 20).
EvaluateReport evaluateModel(const std::string& model, int cases, int imageSize,
                             const std::string& reportPath);

}  // namespace lumen::app
