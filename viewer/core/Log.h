#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace lumen::core {

enum class LogLevel { Debug, Info, Warning, Error };

/// Receives every message logged by Qt-free code. `source` names the origin ("core", "vtk", "itk").
using LogSink =
    std::function<void(LogLevel level, std::string_view source, std::string_view message)>;

/// Replaces the sink; an empty sink restores the default, which writes to stderr.
/// Thread-safe. The sink is called under a lock: it must not call logMessage() itself.
void setLogSink(LogSink sink);

/// Sends one message to the sink. Thread-safe. Never put patient data (names, IDs) in messages.
void logMessage(LogLevel level, std::string_view source, std::string_view message);

}  // namespace lumen::core
