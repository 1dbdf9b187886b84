#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace lumen::test {

/// What a finished lumen process left behind.
struct ProcessResult {
  int exitCode = -1;
  bool crashed = false;
  QString out;
  QString err;
};

/// Runs the built lumen with `arguments` and waits (at most two minutes).
ProcessResult runLumen(const QStringList& arguments, const QProcessEnvironment& environment =
                                                         QProcessEnvironment::systemEnvironment());

/// The same, inside a fresh Xvfb display (xvfb-run -a, 24-bit screen, as in CI).
ProcessResult runLumenOnXvfb(const QStringList& arguments);

}  // namespace lumen::test
