#include "core/NiftiData.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <vector>

#include "core/Error.h"
#include "core/VolumeFileIntegrity.h"

namespace lumen::core {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kHeaderBytes = 540;  // NIfTI-2; NIfTI-1 uses the first 348
using Header = std::array<unsigned char, kHeaderBytes>;

struct GzFileCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
/// zlib reads plain files too, so one reader serves .nii and .nii.gz.
using GzFile = std::unique_ptr<gzFile_s, GzFileCloser>;

template <typename T>
T readAt(const Header& header, std::size_t at, bool swap) {
  std::array<unsigned char, sizeof(T)> raw{};
  std::memcpy(raw.data(), header.data() + at, sizeof(T));
  if (swap) std::reverse(raw.begin(), raw.end());
  T value;
  std::memcpy(&value, raw.data(), sizeof(T));
  return value;
}

std::optional<PixelType> pixelTypeOfDatatype(int datatype) {
  switch (datatype) {
    case 2:
      return PixelType::UInt8;
    case 4:
      return PixelType::Int16;
    case 8:
      return PixelType::Int32;
    case 16:
      return PixelType::Float32;
    case 64:
      return PixelType::Float64;
    case 256:
      return PixelType::Int8;
    case 512:
      return PixelType::UInt16;
    case 768:
      return PixelType::UInt32;
    default:
      return std::nullopt;  // RGB, complex, 64-bit integers, float128
  }
}

/// Product of dim[1 … dim[0]] of the dim array at byte `at` (int16 in NIfTI-1, int64 in
/// NIfTI-2); nullopt for a count that is negative or does not fit in 64 bits.
template <typename Dim>
std::optional<std::uint64_t> voxelCount(const Header& header, std::size_t at, bool swap) {
  const Dim dims = readAt<Dim>(header, at, swap);
  if (dims < 1 || dims > 7) return std::nullopt;
  std::uint64_t voxels = 1;
  for (Dim d = 1; d <= dims; ++d) {
    const Dim n = std::max<Dim>(readAt<Dim>(header, at + sizeof(Dim) * d, swap), 1);
    if (static_cast<std::uint64_t>(n) > std::numeric_limits<std::uint64_t>::max() / voxels) {
      return std::nullopt;
    }
    voxels *= static_cast<std::uint64_t>(n);
  }
  return voxels;
}

bool rescales(double slope, double intercept) {
  return slope != 0.0 && (slope != 1.0 || intercept != 0.0);  // slope 0 means "no scaling"
}

std::optional<NiftiLayout> parse(const Header& header) {
  for (bool swap : {false, true}) {
    NiftiLayout layout;
    layout.swapBytes = swap;
    std::optional<std::uint64_t> count;
    int bitpix = 0;
    const auto size = readAt<std::int32_t>(header, 0, swap);
    if (size == 348) {
      const char* magic = reinterpret_cast<const char*>(header.data() + 344);
      if (std::memcmp(magic, "n+1", 4) != 0 && std::memcmp(magic, "ni1", 4) != 0)
        return std::nullopt;
      layout.singleFile = magic[1] == '+';
      layout.storedType = pixelTypeOfDatatype(readAt<std::int16_t>(header, 70, swap));
      bitpix = readAt<std::int16_t>(header, 72, swap);
      count = voxelCount<std::int16_t>(header, 40, swap);
      layout.dataOffset =
          static_cast<std::uint64_t>(std::max(readAt<float>(header, 108, swap), 0.0F));
      layout.rescaled =
          rescales(readAt<float>(header, 112, swap), readAt<float>(header, 116, swap));
    } else if (size == 540) {
      const char* magic = reinterpret_cast<const char*>(header.data() + 4);
      if (std::memcmp(magic, "n+2", 4) != 0 && std::memcmp(magic, "ni2", 4) != 0)
        return std::nullopt;
      layout.singleFile = magic[1] == '+';
      layout.storedType = pixelTypeOfDatatype(readAt<std::int16_t>(header, 12, swap));
      bitpix = readAt<std::int16_t>(header, 14, swap);
      count = voxelCount<std::int64_t>(header, 16, swap);
      layout.dataOffset = static_cast<std::uint64_t>(
          std::max<std::int64_t>(readAt<std::int64_t>(header, 168, swap), 0));
      layout.rescaled =
          rescales(readAt<double>(header, 176, swap), readAt<double>(header, 184, swap));
    } else {
      continue;
    }
    if (!count || bitpix <= 0 || bitpix % 8 != 0) return std::nullopt;
    layout.voxelCount = *count;
    layout.bytesPerVoxel = static_cast<std::uint64_t>(bitpix / 8);
    if (layout.voxelCount > std::numeric_limits<std::uint64_t>::max() / layout.bytesPerVoxel)
      return std::nullopt;
    return layout;
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

/// Bytes a gzip stream really holds after decompression; counting stops at corrupt data.
std::uint64_t countUncompressed(const std::string& path) {
  GzFile file(gzopen(path.c_str(), "rb"));
  std::uint64_t total = 0;
  std::vector<unsigned char> chunk(1 << 20);
  int got = 0;
  while (file &&
         (got = gzread(file.get(), chunk.data(), static_cast<unsigned>(chunk.size()))) > 0) {
    total += static_cast<std::uint64_t>(got);
  }
  return total;
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void swapBytes(unsigned char* data, std::size_t bytes, std::size_t width) {
  for (std::size_t at = 0; at + width <= bytes; at += width)
    std::reverse(data + at, data + at + width);
}

}  // namespace

std::optional<NiftiLayout> readNiftiLayout(const std::string& path) {
  GzFile file(gzopen(path.c_str(), "rb"));
  Header header{};
  if (!file || gzread(file.get(), header.data(), kHeaderBytes) < 348) return std::nullopt;
  return parse(header);
}

bool canReadNiftiVoxels(const NiftiLayout& layout, const Volume& volume) {
  return layout.singleFile && !layout.rescaled && layout.storedType == volume.pixelType() &&
         layout.voxelCount == volume.voxelCount() &&
         layout.bytesPerVoxel == bytesPerVoxel(volume.pixelType());
}

void readNiftiVoxels(const std::string& path, const NiftiLayout& layout, Volume& volume,
                     const ProgressCallback& progress, const CancelToken* cancel) {
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) throw Error(ErrorCode::ReadFailed, path + ": cannot open the file");
  gzbuffer(file.get(), 1 << 18);
  if (gzseek(file.get(), static_cast<z_off_t>(layout.dataOffset), SEEK_SET) < 0) {
    throw cutOffError(path, 0, layout.dataOffset + layout.dataBytes());
  }
  // Slabs of whole slices: at most 4 MiB and at most a sixteenth of the volume, so progress
  // moves and a cancel is answered quickly.
  const Size3& size = volume.size();
  const std::size_t sliceBytes = size[0] * size[1] * layout.bytesPerVoxel;
  const std::size_t slicesPerSlab =
      std::max<std::size_t>(1, std::min((std::size_t{4} << 20) / sliceBytes, size[2] / 16));
  auto* out = static_cast<unsigned char*>(volume.data());
  const std::size_t total = volume.byteSize();
  for (std::size_t slice = 0; slice < size[2]; slice += slicesPerSlab) {
    if (cancel && cancel->isCancelled())
      throw Error(ErrorCode::Cancelled, path + ": reading cancelled");
    const std::size_t begin = slice * sliceBytes;
    const std::size_t bytes = std::min(slicesPerSlab * sliceBytes, total - begin);
    std::size_t done = 0;
    while (done < bytes) {
      // gzread takes at most UINT_MAX bytes at a time.
      const auto want = static_cast<unsigned>(std::min<std::size_t>(bytes - done, 1u << 30));
      const int got = gzread(file.get(), out + begin + done, want);
      if (got <= 0) {
        int zlibError = Z_OK;
        const char* message = gzerror(file.get(), &zlibError);
        if (got < 0 && zlibError != Z_BUF_ERROR) {
          throw Error(ErrorCode::ReadFailed, path + ": corrupt compressed data (" + message + ")");
        }
        throw cutOffError(path, layout.dataOffset + begin + done, layout.dataOffset + total);
      }
      done += static_cast<std::size_t>(got);
    }
    if (layout.swapBytes && layout.bytesPerVoxel > 1)
      swapBytes(out + begin, bytes, layout.bytesPerVoxel);
    if (progress) progress(static_cast<double>(begin + bytes) / static_cast<double>(total));
  }
}

void checkNiftiComplete(const std::string& path, const NiftiLayout& layout) {
  if (!layout.singleFile) {
    // A .hdr/.img pair: the voxels are the whole .img file (checked when it is not compressed).
    if (!endsWith(path, ".hdr")) return;
    const std::string image = path.substr(0, path.size() - 4) + ".img";
    std::error_code ec;
    const std::uint64_t size = fs::file_size(image, ec);
    if (!ec && size < layout.dataBytes()) {
      throw cutOffError(path + " (its voxel file " + fs::path(image).filename().string() + ")",
                        size, layout.dataBytes());
    }
    return;
  }
  const std::uint64_t expected = layout.dataOffset + layout.dataBytes();
  // ITK 5.2's NIfTI library takes the header from X.nii.gz but the voxels from X.nii when that
  // file exists too: refuse rather than show one file's voxels in the other's geometry.
  const std::string uncompressed = path.substr(0, path.size() - 3);
  if (endsWith(path, ".nii.gz") && fs::exists(uncompressed)) {
    throw Error(ErrorCode::ReadFailed, path + ": ITK would read its voxels from " +
                                           fs::path(uncompressed).filename().string() +
                                           " beside it; move or rename one of the two files");
  }
  if (!endsWith(path, ".gz")) {
    const std::uint64_t size = fs::file_size(path);
    if (size < expected) throw cutOffError(path, size, expected);
    return;
  }
  const std::optional<std::uint32_t> trailer = gzipTrailerSize(path);
  if (trailer && *trailer == static_cast<std::uint32_t>(expected)) return;
  // The trailer disagrees (a cut-off file, or several gzip members): count what is really there.
  const std::uint64_t has = countUncompressed(path);
  if (has < expected) throw cutOffError(path, has, expected);
}

}  // namespace lumen::core
