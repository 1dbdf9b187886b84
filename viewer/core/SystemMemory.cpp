#include "core/SystemMemory.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/Error.h"

namespace lumen::core {

std::uint64_t availableMemoryBytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") return kib * 1024;
  }
  const long pages = sysconf(_SC_AVPHYS_PAGES);
  const long pageSize = sysconf(_SC_PAGESIZE);
  return pages > 0 && pageSize > 0 ? static_cast<std::uint64_t>(pages) * pageSize : 0;
}

std::string describeBytes(std::uint64_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 5) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 || value >= 100 ? "%.0f %s" : "%.1f %s", value,
                units[unit]);
  return text;
}

void requireAvailableMemory(std::uint64_t bytes, const std::string& what) {
  const std::uint64_t available = availableMemoryBytes();
  if (bytes > available) {
    throw Error(ErrorCode::VolumeTooLarge, what + " would need " + describeBytes(bytes) + "; " +
                                               describeBytes(available) +
                                               " of memory is available");
  }
}

}  // namespace lumen::core
