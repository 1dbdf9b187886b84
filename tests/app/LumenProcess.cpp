#include "LumenProcess.h"

#include <QProcess>

namespace lumen::test {
namespace {

ProcessResult run(const QString& program, const QStringList& arguments,
                  const QProcessEnvironment& environment) {
  QProcess process;
  process.setProcessEnvironment(environment);
  process.start(program, arguments);
  ProcessResult result;
  if (!process.waitForStarted(10000)) {
    result.err = QStringLiteral("could not start ") + program;
    return result;
  }
  process.closeWriteChannel();
  if (!process.waitForFinished(120000)) {
    process.kill();
    process.waitForFinished();
    result.err = QStringLiteral("timed out");
  }
  result.crashed = process.exitStatus() == QProcess::CrashExit;
  result.exitCode = process.exitCode();
  result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
  result.err += QString::fromLocal8Bit(process.readAllStandardError());
  return result;
}

}  // namespace

ProcessResult runLumen(const QStringList& arguments, const QProcessEnvironment& environment) {
  return run(QStringLiteral(LUMEN_EXECUTABLE), arguments, environment);
}

ProcessResult runLumenOnXvfb(const QStringList& arguments) {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
  environment.remove(QStringLiteral("DISPLAY"));
  QStringList xvfbArguments{QStringLiteral("-a"), QStringLiteral("-s"),
                            QStringLiteral("-screen 0 1280x1024x24"),
                            QStringLiteral(LUMEN_EXECUTABLE)};
  return run(QStringLiteral("xvfb-run"), xvfbArguments + arguments, environment);
}

}  // namespace lumen::test
