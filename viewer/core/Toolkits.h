#pragma once

#include <string>

namespace lumen::core {

/// Sends VTK's and ITK's error, warning and debug output (their "output windows") to the Lumen
/// log, with sources "vtk" and "itk". Call once at start-up, before any VTK or ITK object exists.
void routeToolkitOutputToLog();

/// "VTK 9.1.0, ITK 5.2.1", for --version and bug reports.
std::string toolkitVersions();

}  // namespace lumen::core
