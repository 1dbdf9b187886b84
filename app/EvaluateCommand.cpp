#include "EvaluateCommand.h"

#include <QSaveFile>
#include <QString>
#include <algorithm>
#include <cstdio>

#include "inference/ModelPackage.h"
#include "inference/evaluation/Report.h"

namespace lumen::app {

EvaluateReport evaluateModel(const std::string& model, int cases, int imageSize,
                             const std::string& reportPath) {
  EvaluateReport report;
  // Opened first: an unwritable path is found before minutes of evaluation, not after.
  QSaveFile file(QString::fromStdString(reportPath));
  if (!file.open(QIODevice::WriteOnly)) {
    report.error = "lumen evaluate: " + reportPath + ": " + file.errorString().toStdString() + "\n";
    report.exitCode = 1;
    return report;
  }
  try {
    const inference::ModelPackage package = inference::readModelPackage(model);
    const bool segmenter = package.manifest.task == inference::ModelTask::Segmentation;
    if (cases == 0) cases = segmenter ? 20 : 500;
    const int every = segmenter ? 1 : std::max(1, cases / 10);
    const auto progress = [&](int done) {
      if (done % every == 0 || done == cases) {
        std::fprintf(stderr, "evaluated %d of %d cases\n", done, cases);
        std::fflush(stderr);
      }
    };
    std::string html;
    if (segmenter) {
      const auto evaluation =
          inference::evaluation::evaluateNoduleSegmenter(package, cases, progress);
      report.text = inference::evaluation::textSummary(evaluation);
      html = inference::evaluation::htmlReport(evaluation);
    } else {
      const auto evaluation =
          inference::evaluation::evaluateRadiographClassifier(package, cases, imageSize, progress);
      report.text = inference::evaluation::textSummary(evaluation);
      html = inference::evaluation::htmlReport(evaluation);
    }
    if (file.write(html.data(), static_cast<qint64>(html.size())) !=
            static_cast<qint64>(html.size()) ||
        !file.commit()) {
      report.error =
          "lumen evaluate: " + reportPath + ": " + file.errorString().toStdString() + "\n";
      report.exitCode = 1;
      return report;
    }
    report.text += "report: " + reportPath + "\n";
  } catch (const std::exception& e) {
    report.error = "lumen evaluate: " + model + ": " + e.what() + "\n";
    report.exitCode = 1;
  }
  return report;
}

}  // namespace lumen::app
