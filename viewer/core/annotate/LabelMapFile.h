#pragma once

#include <string>

#include "core/annotate/LabelMap.h"

namespace lumen::core {

/// Writes `map` to `path` (Lumen's own label file: its grid, then the voxels compressed with zlib,
/// and a CRC-32 of both) so that the file is either the new map or as it was before: see
/// writeFileAtomically(). Little-endian, like every machine Lumen runs on. Throws
/// Error(WriteFailed).
void saveLabelMap(const LabelMap& map, const std::string& path);

/// Reads a file saveLabelMap() wrote. Throws Error(FileNotFound), or Error(ReadFailed) naming
/// what is wrong: not a Lumen label file, an unknown version, an impossible grid, cut off, or a
/// checksum that does not match.
LabelMap loadLabelMap(const std::string& path);

}  // namespace lumen::core
