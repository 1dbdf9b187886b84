#include "core/VolumeFileIntegrity.h"

#include <itkMetaImageIO.h>

#include <filesystem>
#include <fstream>

namespace lumen::core {

namespace fs = std::filesystem;

Error cutOffError(const std::string& path, std::uint64_t has, std::uint64_t needs) {
  return Error(ErrorCode::ReadFailed, path + ": file is cut off: it holds " + std::to_string(has) +
                                          " bytes of header and voxels, its header promises " +
                                          std::to_string(needs));
}

void checkMetaImageComplete(itk::MetaImageIO& io, const std::string& path) {
  const MetaImage* meta = io.GetMetaImagePointer();
  if (meta->CompressedData() || meta->HeaderSize() != 0) return;
  const std::string dataFile = meta->ElementDataFileName();
  const std::uint64_t dataBytes = io.GetImageSizeInBytes();
  if (dataFile == "LOCAL") {
    // The voxels start right after the header's last line, "ElementDataFile = LOCAL".
    std::ifstream file(path, std::ios::binary);
    std::string line;
    std::uint64_t headerBytes = 0;
    while (std::getline(file, line)) {
      headerBytes += line.size() + 1;
      if (line.rfind("ElementDataFile", 0) == 0) break;
    }
    const std::uint64_t size = fs::file_size(path);
    if (size < headerBytes + dataBytes) throw cutOffError(path, size, headerBytes + dataBytes);
    return;
  }
  const fs::path data = fs::path(path).parent_path() / dataFile;
  std::error_code ec;
  const std::uint64_t size = fs::file_size(data, ec);
  if (!ec && size < dataBytes) {
    throw cutOffError(path + " (its data file " + data.filename().string() + ")", size, dataBytes);
  }
}

}  // namespace lumen::core
