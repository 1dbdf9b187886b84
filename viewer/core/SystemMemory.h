#pragma once

#include <cstdint>
#include <string>

namespace lumen::core {

/// Bytes of memory the system can give this process now without swapping (Linux MemAvailable).
std::uint64_t availableMemoryBytes();

/// "521 GiB", "12.5 MiB": a byte count for messages.
std::string describeBytes(std::uint64_t bytes);

/// Throws Error(VolumeTooLarge) when `bytes` exceed the memory available now. `what` names what
/// the bytes are for ("Rows=65535, Columns=65535, 65535 frames").
void requireAvailableMemory(std::uint64_t bytes, const std::string& what);

}  // namespace lumen::core
