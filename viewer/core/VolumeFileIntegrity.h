#pragma once

#include <string>

namespace itk {
class ImageIOBase;
}

namespace lumen::core {

/// Throws Error(ReadFailed) when the file behind `io` (header already read) holds fewer data bytes
/// than its header promises. ITK 5.2's NIfTI and MetaImage readers fill a cut-off file's missing
/// voxels with zeros or leave them unset without an error; a radiologist must never be shown such
/// an image as if it were whole. Checks NIfTI (.nii, .nii.gz) and uncompressed MetaImage; other
/// formats report short files themselves. Internal to VolumeFile.
void checkDataComplete(itk::ImageIOBase& io, const std::string& path);

}  // namespace lumen::core
