#pragma once

#include <cstddef>
#include <string>

namespace lumen::core {

/// Copies the file `from` to `to` so that `to` is either absent (or as it was) or complete, even
/// when the process is killed or the machine loses power: the bytes go to a hidden temporary file
/// beside `to`, which is fsynced and then renamed over `to`. The folder of `to` must exist; call
/// syncFolder() on it to make the rename itself durable. Throws Error(ReadFailed) when `from`
/// cannot be read, Error(WriteFailed) when `to` cannot be written (the temporary file is removed).
void copyFileAtomically(const std::string& from, const std::string& to);

/// Writes `size` bytes to `to` in the same way: afterwards `to` is complete or as it was. Throws
/// Error(WriteFailed) (a full disk, say), leaving no temporary file behind.
void writeFileAtomically(const std::string& to, const void* data, std::size_t size);

/// Flushes a folder's entries (new names, renames) to disk. Throws Error(WriteFailed).
void syncFolder(const std::string& folder);

}  // namespace lumen::core
