#include "core/Log.h"

#include <iostream>
#include <mutex>

namespace lumen::core {
namespace {

std::mutex& sinkMutex() {
  static std::mutex mutex;
  return mutex;
}

LogSink& currentSink() {
  static LogSink sink;
  return sink;
}

const char* levelName(LogLevel level) {
  switch (level) {
    case LogLevel::Debug:
      return "debug";
    case LogLevel::Info:
      return "info";
    case LogLevel::Warning:
      return "warning";
    case LogLevel::Error:
      return "error";
  }
  return "?";
}

}  // namespace

void setLogSink(LogSink sink) {
  std::lock_guard lock(sinkMutex());
  currentSink() = std::move(sink);
}

void logMessage(LogLevel level, std::string_view source, std::string_view message) {
  std::lock_guard lock(sinkMutex());
  if (currentSink()) {
    currentSink()(level, source, message);
  } else {
    std::cerr << "lumen." << source << ": " << levelName(level) << ": " << message << '\n';
  }
}

}  // namespace lumen::core
