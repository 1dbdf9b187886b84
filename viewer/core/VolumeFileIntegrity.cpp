#include "core/VolumeFileIntegrity.h"

#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <vector>

#include "core/Error.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

struct GzFileCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzFileCloser>;

[[noreturn]] void throwShort(const std::string& path, std::uint64_t has, std::uint64_t needs) {
  throw Error(ErrorCode::ReadFailed, path + ": file is cut off: it holds " + std::to_string(has) +
                                         " bytes of header and voxels, its header promises " +
                                         std::to_string(needs));
}

template <typename T>
T readAt(const std::array<unsigned char, 540>& bytes, std::size_t at, bool swap) {
  std::array<unsigned char, sizeof(T)> raw{};
  std::memcpy(raw.data(), bytes.data() + at, sizeof(T));
  if (swap) std::reverse(raw.begin(), raw.end());
  T value;
  std::memcpy(&value, raw.data(), sizeof(T));
  return value;
}

/// Product of dim[1 … dim[0]] of a NIfTI dim array at byte `at`; `Dim` is int16 in NIfTI-1 and
/// int64 in NIfTI-2.
template <typename Dim>
std::uint64_t niftiVoxelCount(const std::array<unsigned char, 540>& header, std::size_t at,
                              bool swap) {
  const Dim dims = readAt<Dim>(header, at, swap);
  std::uint64_t voxels = 1;
  for (Dim d = 1; d <= dims && d < 8; ++d) {
    voxels *= static_cast<std::uint64_t>(
        std::max<Dim>(readAt<Dim>(header, at + sizeof(Dim) * d, swap), 1));
  }
  return voxels;
}

/// Header plus data bytes a NIfTI-1 or NIfTI-2 single file (.nii) must hold; nullopt when the
/// header is not one (e.g. a .hdr/.img pair, whose .img has no header).
std::optional<std::uint64_t> niftiExpectedBytes(const std::array<unsigned char, 540>& header) {
  for (bool swap : {false, true}) {
    const auto size = readAt<std::int32_t>(header, 0, swap);
    if (size == 348) {
      const auto offset =
          static_cast<std::uint64_t>(std::max(readAt<float>(header, 108, swap), 0.0F));
      const auto bits = static_cast<std::uint64_t>(readAt<std::int16_t>(header, 72, swap));
      return offset + niftiVoxelCount<std::int16_t>(header, 40, swap) * bits / 8;
    }
    if (size == 540) {
      const auto offset = static_cast<std::uint64_t>(
          std::max<std::int64_t>(readAt<std::int64_t>(header, 168, swap), 0));
      const auto bits = static_cast<std::uint64_t>(readAt<std::int16_t>(header, 14, swap));
      return offset + niftiVoxelCount<std::int64_t>(header, 16, swap) * bits / 8;
    }
  }
  return std::nullopt;
}

/// gzip's trailer holds the uncompressed size modulo 2^32.
std::optional<std::uint32_t> gzipTrailerSize(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file || file.tellg() < 18) return std::nullopt;
  file.seekg(-4, std::ios::end);
  std::array<unsigned char, 4> b{};
  file.read(reinterpret_cast<char*>(b.data()), 4);
  return static_cast<std::uint32_t>(b[0] | (b[1] << 8) | (b[2] << 16) |
                                    (static_cast<std::uint32_t>(b[3]) << 24));
}

void checkNifti(const std::string& path) {
  GzFile file(gzopen(path.c_str(), "rb"));  // reads plain files too
  if (!file) return;
  std::array<unsigned char, 540> header{};
  if (gzread(file.get(), header.data(), header.size()) < 348) return;  // ITK rejects such files
  const std::optional<std::uint64_t> expected = niftiExpectedBytes(header);
  if (!expected) return;
  if (!gzdirect(file.get())) {
    const std::optional<std::uint32_t> trailer = gzipTrailerSize(path);
    if (trailer && *trailer == static_cast<std::uint32_t>(*expected)) return;
    // The trailer disagrees (cut-off file, or several gzip members): count what is really there.
    std::uint64_t total = header.size();
    std::vector<unsigned char> chunk(1 << 20);
    int got = 0;
    while ((got = gzread(file.get(), chunk.data(), static_cast<unsigned>(chunk.size()))) > 0)
      total += got;
    if (got < 0 || total < *expected) throwShort(path, total, *expected);
    return;
  }
  const std::uint64_t size = fs::file_size(path);
  if (size < *expected) throwShort(path, size, *expected);
}

void checkMetaImage(itk::MetaImageIO& io, const std::string& path) {
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
    if (size < headerBytes + dataBytes) throwShort(path, size, headerBytes + dataBytes);
    return;
  }
  const fs::path data = fs::path(path).parent_path() / dataFile;
  std::error_code ec;
  const std::uint64_t size = fs::file_size(data, ec);
  if (!ec && size < dataBytes) {
    throwShort(path + " (its data file " + data.filename().string() + ")", size, dataBytes);
  }
}

}  // namespace

void checkDataComplete(itk::ImageIOBase& io, const std::string& path) {
  if (dynamic_cast<itk::NiftiImageIO*>(&io)) {
    checkNifti(path);
  } else if (auto* meta = dynamic_cast<itk::MetaImageIO*>(&io)) {
    checkMetaImage(*meta, path);
  }
}

}  // namespace lumen::core
