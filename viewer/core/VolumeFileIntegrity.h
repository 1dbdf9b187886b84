#pragma once

#include <cstdint>
#include <string>

#include "core/Error.h"

namespace itk {
class MetaImageIO;
}

namespace lumen::core {

/// Error(ReadFailed) for a file that holds fewer bytes of header and voxels than promised.
Error cutOffError(const std::string& path, std::uint64_t has, std::uint64_t needs);

/// Throws cutOffError when an uncompressed MetaImage (header already read by `io`) holds fewer
/// voxel bytes than its header promises: ITK 5.2 then leaves the missing voxels unset without an
/// error, and a radiologist must never be shown such an image as if it were whole.
void checkMetaImageComplete(itk::MetaImageIO& io, const std::string& path);

}  // namespace lumen::core
