#include "core/annotate/EditJournal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/Error.h"

namespace lumen::core {
namespace {

constexpr std::uint32_t kRecordMagic = 0x4e524a4c;  // "LJRN" little-endian
// magic, box (6 × u64), packed size (u64), unpacked size (u64), CRC-32 of the box and packed bytes
constexpr std::size_t kHeaderBytes = 4 + 6 * 8 + 8 + 8 + 4;

std::string systemError(const std::string& what) { return what + ": " + std::strerror(errno); }

template <typename T>
void put(std::vector<unsigned char>& out, T value) {
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.insert(out.end(), bytes, bytes + sizeof(T));
}

template <typename T>
T get(const unsigned char* at) {
  T value;
  std::memcpy(&value, at, sizeof(T));
  return value;
}

}  // namespace

EditJournal::EditJournal(std::string path) : m_path(std::move(path)) {
  m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (m_fd < 0) throw Error(ErrorCode::WriteFailed, systemError("cannot open " + m_path));
}

EditJournal::~EditJournal() {
  if (m_fd >= 0) ::close(m_fd);
}

void EditJournal::append(const LabelMap& map, const VoxelBox& box) {
  if (!box.empty()) append(box, map.voxelsIn(box));
}

void EditJournal::append(const VoxelBox& box, const std::vector<std::uint8_t>& voxels) {
  if (box.empty()) return;
  if (voxels.size() != box.voxelCount()) {
    throw Error(ErrorCode::InvalidArgument, m_path + ": an edit's voxels do not fill its box");
  }
  uLongf packedSize = compressBound(static_cast<uLong>(voxels.size()));
  std::vector<unsigned char> record;
  record.reserve(kHeaderBytes + packedSize);
  put(record, kRecordMagic);
  for (int a = 0; a < 3; ++a) put<std::uint64_t>(record, box.lower[a]);
  for (int a = 0; a < 3; ++a) put<std::uint64_t>(record, box.upper[a]);
  std::vector<unsigned char> packed(packedSize);
  if (compress2(packed.data(), &packedSize, voxels.data(), static_cast<uLong>(voxels.size()), 1) !=
      Z_OK) {
    throw Error(ErrorCode::WriteFailed, m_path + ": cannot compress an edit");
  }
  put<std::uint64_t>(record, packedSize);
  put<std::uint64_t>(record, voxels.size());
  const uLong boxCrc = crc32_z(0L, record.data() + 4, 6 * 8);
  put<std::uint32_t>(record,
                     static_cast<std::uint32_t>(crc32_z(boxCrc, packed.data(), packedSize)));
  record.insert(record.end(), packed.begin(),
                packed.begin() + static_cast<std::ptrdiff_t>(packedSize));
  struct stat before {};
  if (::fstat(m_fd, &before) != 0) throw Error(ErrorCode::WriteFailed, systemError(m_path));
  for (std::size_t done = 0; done < record.size();) {
    const ssize_t put = ::write(m_fd, record.data() + done, record.size() - done);
    if (put < 0 && errno == EINTR) continue;
    if (put < 0) {
      const std::string message = systemError("cannot write to " + m_path);
      // A part-written record would hide every later one from replay().
      if (::ftruncate(m_fd, before.st_size) != 0) {
        throw Error(ErrorCode::WriteFailed, message + ", nor cut back the part written");
      }
      throw Error(ErrorCode::WriteFailed, message);
    }
    done += static_cast<std::size_t>(put);
  }
}

void EditJournal::clear() {
  if (::ftruncate(m_fd, 0) != 0 || ::fdatasync(m_fd) != 0) {
    throw Error(ErrorCode::WriteFailed, systemError("cannot empty " + m_path));
  }
}

bool EditJournal::empty() const {
  struct stat info {};
  return ::fstat(m_fd, &info) == 0 && info.st_size == 0;
}

JournalReplay EditJournal::replay(const std::string& path, LabelMap& map) {
  JournalReplay result;
  if (!std::filesystem::exists(path)) return result;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::ReadFailed, path + ": cannot open the edit journal");
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
  std::size_t at = 0;
  while (at < bytes.size()) {
    if (bytes.size() - at < kHeaderBytes || get<std::uint32_t>(&bytes[at]) != kRecordMagic) {
      result.tornTail = true;
      break;
    }
    const unsigned char* header = &bytes[at];
    VoxelBox box;
    for (int a = 0; a < 3; ++a) box.lower[a] = get<std::uint64_t>(header + 4 + 8 * a);
    for (int a = 0; a < 3; ++a) box.upper[a] = get<std::uint64_t>(header + 28 + 8 * a);
    const auto packedSize = get<std::uint64_t>(header + 52);
    const auto voxelCount = get<std::uint64_t>(header + 60);
    const auto checksum = get<std::uint32_t>(header + 68);
    if (bytes.size() - at - kHeaderBytes < packedSize) {
      result.tornTail = true;
      break;
    }
    const unsigned char* packed = header + kHeaderBytes;
    const uLong boxCrc = crc32_z(0L, header + 4, 6 * 8);
    if (crc32_z(boxCrc, packed, packedSize) != checksum) {
      result.tornTail = true;
      break;
    }
    if (!(box.clippedTo(map.size()) == box) || box.voxelCount() != voxelCount) {
      throw Error(ErrorCode::InvalidArgument,
                  path + ": an edit outside the label map's grid (a journal of another series?)");
    }
    LabelEdit edit;
    edit.box = box;
    edit.after.resize(voxelCount);
    uLongf unpacked = static_cast<uLongf>(voxelCount);
    if (uncompress(edit.after.data(), &unpacked, packed, static_cast<uLong>(packedSize)) != Z_OK ||
        unpacked != voxelCount) {
      result.tornTail = true;
      break;
    }
    map.redo(edit);
    ++result.edits;
    at += kHeaderBytes + packedSize;
    result.intactBytes = at;
  }
  return result;
}

}  // namespace lumen::core
