#pragma once

class QCoreApplication;

namespace lumen::app {

/// Loads Lumen's translation for the user's locale (LANGUAGE, LC_ALL, LANG), embedded in the
/// executable, and Qt's own when the system has it. English needs none.
void installTranslators(QCoreApplication& application);

}  // namespace lumen::app
