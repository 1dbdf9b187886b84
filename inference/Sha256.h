#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace lumen::inference {

/// Incremental SHA-256 (FIPS 180-4). Not safe to share between threads; separate objects are
/// independent.
class Sha256 {
 public:
  /// Starts a new digest from the initial hash value H(0).
  Sha256();

  /// Appends `size` bytes at `data` to the message. Throws std::logic_error after hexDigest().
  void update(const void* data, std::size_t size);

  /// The digest as 64 lowercase hex digits; the object cannot be updated afterwards (throws
  /// std::logic_error, also on a second call).
  std::string hexDigest();

 private:
  void processBlock(const std::uint8_t* block);

  std::array<std::uint32_t, 8> m_state{};
  std::array<std::uint8_t, 64> m_buffer{};
  std::size_t m_bufferSize = 0;
  std::uint64_t m_messageBytes = 0;
  bool m_finished = false;
};

/// SHA-256 of a whole file, read in 1 MiB blocks, as 64 lowercase hex digits. Throws
/// std::runtime_error naming the file when it cannot be opened or read.
std::string sha256OfFile(const std::string& path);

}  // namespace lumen::inference
