#include "EvaluateCommand.h"

#include <QSaveFile>
#include <QString>
#include <algorithm>
#include <cstdio>

#include "inference/ModelPackage.h"
#include "inference/evaluation/RadiographEvaluation.h"
#include "inference/evaluation/Report.h"

namespace lumen::app {

EvaluateReport evaluateModel(const std::string& model, int cases, int imageSize,
                             const std::string& reportPath) {
  EvaluateReport report;
  try {
    const inference::ModelPackage package = inference::readModelPackage(model);
    const int every = std::max(1, cases / 10);
    const inference::evaluation::RadiographEvaluation evaluation =
        inference::evaluation::evaluateRadiographClassifier(
            package, cases, imageSize, [&](int done) {
              if (done % every == 0 || done == cases) {
                std::fprintf(stderr, "evaluated %d of %d cases\n", done, cases);
                std::fflush(stderr);
              }
            });
    report.text = inference::evaluation::textSummary(evaluation);
    QSaveFile file(QString::fromStdString(reportPath));
    const std::string html = inference::evaluation::htmlReport(evaluation);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(html.data(), static_cast<qint64>(html.size())) !=
            static_cast<qint64>(html.size()) ||
        !file.commit()) {
      report.error = reportPath + ": " + file.errorString().toStdString() + "\n";
      report.exitCode = 1;
      return report;
    }
    report.text += "report: " + reportPath + "\n";
  } catch (const std::exception& e) {
    report.error = std::string(e.what()) + "\n";
    report.exitCode = 1;
  }
  return report;
}

}  // namespace lumen::app
