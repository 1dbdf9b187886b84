#include "Logging.h"

#include "core/Log.h"
#include "core/Toolkits.h"

// Debug output is off unless QT_LOGGING_RULES turns it on.
Q_LOGGING_CATEGORY(lcApp, "lumen.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCore, "lumen.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVtk, "lumen.vtk", QtInfoMsg)
Q_LOGGING_CATEGORY(lcItk, "lumen.itk", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStall, "lumen.stall", QtWarningMsg)

namespace lumen::app {
namespace {

const QLoggingCategory& categoryFor(std::string_view source) {
  if (source == "vtk") return lcVtk();
  if (source == "itk") return lcItk();
  return lcCore();
}

}  // namespace

void routeLogsToQt() {
  core::routeToolkitOutputToLog();
  core::setLogSink([](core::LogLevel level, std::string_view source, std::string_view message) {
    const QLoggingCategory& category = categoryFor(source);
    const QString text = QString::fromUtf8(message.data(), static_cast<qsizetype>(message.size()));
    switch (level) {
      case core::LogLevel::Debug:
        qCDebug(category).noquote() << text;
        break;
      case core::LogLevel::Info:
        qCInfo(category).noquote() << text;
        break;
      case core::LogLevel::Warning:
        qCWarning(category).noquote() << text;
        break;
      case core::LogLevel::Error:
        qCCritical(category).noquote() << text;
        break;
    }
  });
}

}  // namespace lumen::app
