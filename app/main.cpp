// lumen: the workstation window, or a command (--help, --version, demo, info, infer, evaluate,
// export)
// without a display.
#include <QApplication>
#include <QDir>
#include <QStandardPaths>
#include <QSurfaceFormat>
#include <QTimer>
#include <cstdio>

#include "CommandLine.h"
#include "DemoData.h"
#include "ErrorText.h"
#include "EvaluateCommand.h"
#include "ExportCommand.h"
#include "InferCommand.h"
#include "InfoCommand.h"
#include "Logging.h"
#include "MainWindow.h"
#include "StallProbe.h"
#include "Translations.h"
#include "widgets/ViewGrid.h"
#include "widgets/VtkViewport.h"

namespace {

using lumen::app::CommandLine;

void describeApplication() {
  QCoreApplication::setApplicationName(QStringLiteral("lumen"));
  QCoreApplication::setApplicationVersion(QStringLiteral(LUMEN_VERSION));
  QGuiApplication::setDesktopFileName(QStringLiteral("lumen"));
}

void print(FILE* stream, const QString& text) {
  std::fputs(text.toLocal8Bit().constData(), stream);
  if (!text.endsWith(QLatin1Char('\n'))) std::fputc('\n', stream);
}

/// Everything but opening the window. Returns the exit code.
int runCommand(const CommandLine& line) {
  switch (line.action) {
    case CommandLine::Action::ShowHelp:
    case CommandLine::Action::ShowVersion:
      print(stdout, line.text);
      return 0;
    case CommandLine::Action::Invalid:
      print(stderr, line.text);
      return 2;
    case CommandLine::Action::WriteDemo:
      try {
        const QString folder =
            line.demoDirectory.isEmpty()
                ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                      .filePath(QStringLiteral("demo"))
                : line.demoDirectory;
        const lumen::app::DemoSetUp done = lumen::app::setUpDemo(folder);
        for (const QString& problem : done.problems)
          print(stderr, QStringLiteral("lumen demo: ") + problem);
        print(stdout, done.folder);
        return 0;
      } catch (const lumen::Error& e) {
        print(stderr, lumen::app::describeError(e));
        return 1;
      } catch (const std::exception& e) {
        print(stderr, QStringLiteral("lumen demo: ") + QString::fromStdString(e.what()));
        return 1;
      }
    case CommandLine::Action::ShowInfo: {
      std::vector<std::string> paths;
      for (const QString& file : line.files) paths.push_back(file.toStdString());
      const lumen::app::InfoReport report = lumen::app::describeImages(paths, line.json);
      std::fputs(report.text.c_str(), stdout);
      return report.exitCode;
    }
    case CommandLine::Action::Infer: {
      lumen::app::InferRequest request;
      for (const QString& file : line.files) request.paths.push_back(file.toStdString());
      request.model = line.model.toStdString();
      request.device = line.device.toStdString();
      request.json = line.json;
      request.heatmapDirectory = line.heatmaps.toStdString();
      const lumen::app::InferReport report = lumen::app::runInference(request);
      std::fputs(report.text.c_str(), stdout);
      std::fputs(report.error.c_str(), stderr);
      return report.exitCode;
    }
    case CommandLine::Action::Evaluate: {
      const lumen::app::EvaluateReport report = lumen::app::evaluateModel(
          line.model.toStdString(), line.cases, line.imageSize, line.report.toStdString());
      std::fputs(report.text.c_str(), stdout);
      std::fputs(report.error.c_str(), stderr);
      return report.exitCode;
    }
    case CommandLine::Action::Export: {
      lumen::app::ExportRequest request;
      request.project = line.files.front().toStdString();
      request.format = line.format.toStdString();
      request.out = line.exportDirectory.toStdString();
      request.mapping = line.mapping.toStdString();
      const lumen::app::ExportReport report = lumen::app::runExport(request);
      std::fputs(report.text.c_str(), stdout);
      std::fputs(report.error.c_str(), stderr);
      return report.exitCode;
    }
    case CommandLine::Action::OpenWindow:
      break;
  }
  return 2;
}

/// --screenshot: once the volume is shown, save the layout and quit; quit with 1 on failure.
void saveScreenshotWhenShown(lumen::app::MainWindow& window, const QString& png) {
  QObject::connect(&window, &lumen::app::MainWindow::volumeShown, &window, [&window, png] {
    QTimer::singleShot(0, &window, [&window, png] {
      const bool saved = window.viewGrid()->grabLayout().save(png, "PNG");
      if (!saved) print(stderr, QObject::tr("Could not write %1").arg(png));
      QCoreApplication::exit(saved ? 0 : 1);
    });
  });
  QObject::connect(&window, &lumen::app::MainWindow::openFailed, &window,
                   [](const QString&, const QString& message) {
                     print(stderr, message);
                     QCoreApplication::exit(1);
                   });
}

}  // namespace

int main(int argc, char** argv) {
  lumen::app::routeLogsToQt();

  if (!lumen::app::commandLineNeedsWindow(argc, argv)) {
    QCoreApplication application(argc, argv);
    describeApplication();
    lumen::app::installTranslators(application);
    return runCommand(lumen::app::parseCommandLine(QCoreApplication::arguments()));
  }

  // Debian's VTK talks to OpenGL through GLX, so the window must be an X11 (or XWayland) one.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "xcb");
  if (qgetenv("QT_QPA_PLATFORM") == "xcb" && qEnvironmentVariableIsEmpty("DISPLAY")) {
    // Without this, Qt aborts; say what is wrong and what works without a display.
    std::fputs(
        "lumen: no X11 display (DISPLAY is not set). The workstation needs one; "
        "--help, --version, demo, info, infer, evaluate and export do not.\n",
        stderr);
    return 1;
  }
  QSurfaceFormat::setDefaultFormat(lumen::widgets::VtkViewport::defaultSurfaceFormat());
  QApplication application(argc, argv);
  describeApplication();
  lumen::app::installTranslators(application);

  const CommandLine line = lumen::app::parseCommandLine(QCoreApplication::arguments());
  if (line.action != CommandLine::Action::OpenWindow) return runCommand(line);

  lumen::app::StallProbe stallProbe;
  lumen::app::MainWindow window;
  if (!line.screenshot.isEmpty()) saveScreenshotWhenShown(window, line.screenshot);
  window.show();
  if (line.files.size() > 1) {
    qCWarning(lcApp) << "opening only the first of" << line.files.size() << "files";
  }
  if (!line.files.isEmpty()) window.openPaths(line.files);
  return application.exec();
}
