#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)    // lumen.app: the application, windows, jobs
Q_DECLARE_LOGGING_CATEGORY(lcCore)   // lumen.core: messages from Qt-free layers
Q_DECLARE_LOGGING_CATEGORY(lcVtk)    // lumen.vtk: VTK's output window
Q_DECLARE_LOGGING_CATEGORY(lcItk)    // lumen.itk: ITK's output window
Q_DECLARE_LOGGING_CATEGORY(lcStall)  // lumen.stall: event-loop stalls (off by default)

namespace lumen::app {

/// Sends the Qt-free log (core::logMessage, VTK and ITK output) to the Qt categories above, so
/// QT_LOGGING_RULES filters everything in one place. Call once, first thing in main().
void routeLogsToQt();

}  // namespace lumen::app
