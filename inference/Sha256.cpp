#include "inference/Sha256.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace lumen::inference {
namespace {

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64
// primes.
constexpr std::array<std::uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots of the first
// eight primes.
constexpr std::array<std::uint32_t, 8> kInitialHash = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::size_t kBlockSize = 64;
constexpr std::size_t kFileChunkSize = std::size_t{1} << 20;

constexpr std::uint32_t rotr(std::uint32_t x, unsigned n) { return (x >> n) | (x << (32U - n)); }
constexpr std::uint32_t ch(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (~x & z);
}
constexpr std::uint32_t maj(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (x & z) ^ (y & z);
}
constexpr std::uint32_t bigSigma0(std::uint32_t x) {
  return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
}
constexpr std::uint32_t bigSigma1(std::uint32_t x) {
  return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
}
constexpr std::uint32_t smallSigma0(std::uint32_t x) { return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3); }
constexpr std::uint32_t smallSigma1(std::uint32_t x) {
  return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10);
}

std::uint32_t loadBigEndian32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

}  // namespace

Sha256::Sha256() : m_state(kInitialHash) {}

void Sha256::processBlock(const std::uint8_t* block) {
  // §6.2.2 step 1: the message schedule.
  std::array<std::uint32_t, 64> w{};
  for (std::size_t t = 0; t < 16; ++t) {
    w[t] = loadBigEndian32(block + 4 * t);
  }
  for (std::size_t t = 16; t < 64; ++t) {
    w[t] = smallSigma1(w[t - 2]) + w[t - 7] + smallSigma0(w[t - 15]) + w[t - 16];
  }

  // Steps 2-4: the 64 rounds on the working variables a..h.
  std::uint32_t a = m_state[0];
  std::uint32_t b = m_state[1];
  std::uint32_t c = m_state[2];
  std::uint32_t d = m_state[3];
  std::uint32_t e = m_state[4];
  std::uint32_t f = m_state[5];
  std::uint32_t g = m_state[6];
  std::uint32_t h = m_state[7];
  for (std::size_t t = 0; t < 64; ++t) {
    const std::uint32_t t1 = h + bigSigma1(e) + ch(e, f, g) + kRoundConstants[t] + w[t];
    const std::uint32_t t2 = bigSigma0(a) + maj(a, b, c);
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }

  // Step 5: the intermediate hash value.
  m_state[0] += a;
  m_state[1] += b;
  m_state[2] += c;
  m_state[3] += d;
  m_state[4] += e;
  m_state[5] += f;
  m_state[6] += g;
  m_state[7] += h;
}

void Sha256::update(const void* data, std::size_t size) {
  if (m_finished) {
    throw std::logic_error("Sha256::update called after hexDigest");
  }
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  m_messageBytes += size;

  if (m_bufferSize > 0) {
    const std::size_t take = std::min(size, kBlockSize - m_bufferSize);
    std::memcpy(m_buffer.data() + m_bufferSize, bytes, take);
    m_bufferSize += take;
    bytes += take;
    size -= take;
    if (m_bufferSize < kBlockSize) {
      return;
    }
    processBlock(m_buffer.data());
    m_bufferSize = 0;
  }
  while (size >= kBlockSize) {
    processBlock(bytes);
    bytes += kBlockSize;
    size -= kBlockSize;
  }
  if (size > 0) {
    std::memcpy(m_buffer.data(), bytes, size);
    m_bufferSize = size;
  }
}

std::string Sha256::hexDigest() {
  if (m_finished) {
    throw std::logic_error("Sha256::hexDigest called twice");
  }

  // §5.1.1 padding: a 1 bit, zeros up to 56 mod 64 bytes, then the message length in bits as a
  // 64-bit big-endian integer.
  const std::uint64_t messageBits = m_messageBytes * 8U;
  m_buffer[m_bufferSize++] = 0x80;
  if (m_bufferSize > kBlockSize - 8) {
    std::memset(m_buffer.data() + m_bufferSize, 0, kBlockSize - m_bufferSize);
    processBlock(m_buffer.data());
    m_bufferSize = 0;
  }
  std::memset(m_buffer.data() + m_bufferSize, 0, kBlockSize - 8 - m_bufferSize);
  for (std::size_t i = 0; i < 8; ++i) {
    m_buffer[kBlockSize - 1 - i] = static_cast<std::uint8_t>(messageBits >> (8 * i));
  }
  processBlock(m_buffer.data());
  m_bufferSize = 0;
  m_finished = true;

  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (const std::uint32_t word : m_state) {
    for (int shift = 28; shift >= 0; shift -= 4) {
      hex.push_back(kHexDigits[(word >> shift) & 0xFU]);
    }
  }
  return hex;
}

std::string sha256OfFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw std::runtime_error("cannot open file '" + path + "' to compute its SHA-256");
  }
  Sha256 sha;
  std::vector<char> chunk(kFileChunkSize);
  while (file) {
    file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const std::streamsize got = file.gcount();
    if (got > 0) {
      sha.update(chunk.data(), static_cast<std::size_t>(got));
    }
  }
  if (file.bad() || !file.eof()) {
    throw std::runtime_error("cannot read file '" + path + "' to compute its SHA-256");
  }
  return sha.hexDigest();
}

}  // namespace lumen::inference
