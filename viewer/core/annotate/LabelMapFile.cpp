#include "core/annotate/LabelMapFile.h"

#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/AtomicFileCopy.h"
#include "core/Error.h"

namespace lumen::core {
namespace {

constexpr char kMagic[8] = {'L', 'U', 'M', 'E', 'N', 'L', 'B', 'L'};
constexpr std::uint32_t kVersion = 1;

template <typename T>
void put(std::vector<unsigned char>& out, T value) {
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.insert(out.end(), bytes, bytes + sizeof(T));
}

/// Reads values from a byte buffer, failing with the file's name when it runs out.
class Reader {
 public:
  Reader(const std::vector<unsigned char>& bytes, std::string path)
      : m_bytes(bytes), m_path(std::move(path)) {}

  template <typename T>
  T take() {
    T value{};
    need(sizeof(T));
    std::memcpy(&value, m_bytes.data() + m_at, sizeof(T));
    m_at += sizeof(T);
    return value;
  }
  const unsigned char* takeBytes(std::size_t count) {
    need(count);
    const unsigned char* at = m_bytes.data() + m_at;
    m_at += count;
    return at;
  }
  std::size_t position() const { return m_at; }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorCode::ReadFailed, m_path + ": " + what);
  }

 private:
  void need(std::size_t count) const {
    if (m_bytes.size() - m_at < count) fail("the file is cut off");
  }
  const std::vector<unsigned char>& m_bytes;
  std::string m_path;
  std::size_t m_at = 0;
};

}  // namespace

void saveLabelMap(const LabelMap& map, const std::string& path) {
  const VolumeGeometry& g = map.geometry();
  const std::size_t voxels = map.volume().voxelCount();
  uLongf packedSize = compressBound(static_cast<uLong>(voxels));
  std::vector<unsigned char> packed(packedSize);
  // Level 1: a label map is mostly runs of zeros, which any level squeezes; speed matters more.
  if (compress2(packed.data(), &packedSize, map.data(), static_cast<uLong>(voxels), 1) != Z_OK) {
    throw Error(ErrorCode::WriteFailed, path + ": cannot compress the label map");
  }
  std::vector<unsigned char> file(std::begin(kMagic), std::end(kMagic));
  put(file, kVersion);
  for (int a = 0; a < 3; ++a) put<std::uint64_t>(file, g.size[a]);
  for (int a = 0; a < 3; ++a) put(file, g.spacing[a]);
  for (int a = 0; a < 3; ++a) put(file, g.origin[a]);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) put(file, g.direction[r][c]);
  put<std::uint64_t>(file, packedSize);
  // The checksum covers the grid too: a damaged spacing would put the labels in the wrong place.
  const uLong headerCrc = crc32_z(0L, file.data(), file.size());
  put<std::uint32_t>(file,
                     static_cast<std::uint32_t>(crc32_z(headerCrc, packed.data(), packedSize)));
  file.insert(file.end(), packed.begin(), packed.begin() + static_cast<std::ptrdiff_t>(packedSize));
  writeFileAtomically(path, file.data(), file.size());
}

LabelMap loadLabelMap(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(std::filesystem::exists(path) ? ErrorCode::ReadFailed : ErrorCode::FileNotFound,
                path + ": cannot open the label file");
  }
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
  Reader read(bytes, path);
  if (std::memcmp(read.takeBytes(sizeof kMagic), kMagic, sizeof kMagic) != 0) {
    read.fail("not a Lumen label file");
  }
  const auto version = read.take<std::uint32_t>();
  if (version != kVersion) {
    read.fail("label file version " + std::to_string(version) + " (this Lumen reads version " +
              std::to_string(kVersion) + ")");
  }
  VolumeGeometry g;
  for (int a = 0; a < 3; ++a) g.size[a] = read.take<std::uint64_t>();
  for (int a = 0; a < 3; ++a) g.spacing[a] = read.take<double>();
  for (int a = 0; a < 3; ++a) g.origin[a] = read.take<double>();
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) g.direction[r][c] = read.take<double>();
  const auto packedSize = read.take<std::uint64_t>();
  const std::size_t headerBytes = read.position();
  const auto checksum = read.take<std::uint32_t>();
  const unsigned char* packed = read.takeBytes(packedSize);
  if (crc32_z(crc32_z(0L, bytes.data(), headerBytes), packed, packedSize) != checksum) {
    read.fail("the checksum does not match: the file is damaged");
  }
  std::size_t voxelCount = 0;
  try {
    voxelCount = Volume(PixelType::UInt8, g).voxelCount();
  } catch (const Error& e) {
    read.fail(std::string("impossible grid: ") + e.what());
  }
  uLongf unpacked = static_cast<uLongf>(voxelCount);
  std::vector<std::uint8_t> voxels(voxelCount);
  if (uncompress(voxels.data(), &unpacked, packed, static_cast<uLong>(packedSize)) != Z_OK ||
      unpacked != voxels.size()) {
    read.fail("the voxels do not decompress to the grid's size");
  }
  return LabelMap(g, voxels);
}

}  // namespace lumen::core
