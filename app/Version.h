#pragma once

#include <QString>

// LUMEN_VERSION ("0.1.0") comes from the project version in CMakeLists.txt.

namespace lumen::app {

/// "Qt 6.4.2, VTK 9.1.0, ITK 5.2.1, LibTorch 1.13.1, CPU": what this build runs on.
QString libraryVersions();

}  // namespace lumen::app
