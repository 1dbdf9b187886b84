#include "inference/Sha256.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace lumen::inference {
namespace {

std::string digestOf(const std::string& message) {
  Sha256 sha;
  sha.update(message.data(), message.size());
  return sha.hexDigest();
}

// A unique path in the temporary directory, removed when the test ends.
class TempPath {
 public:
  explicit TempPath(const std::string& stem) {
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    m_path = std::filesystem::temp_directory_path() /
             ("lumen_sha256_" + stem + "_" + std::to_string(ticks));
  }
  ~TempPath() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  std::string str() const { return m_path.string(); }

 private:
  std::filesystem::path m_path;
};

// Bytes 0..n-1 of a pattern that is not periodic in 64, so misplaced blocks change the digest.
std::string patternBytes(std::size_t n) {
  std::string bytes(n, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    bytes[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
  }
  return bytes;
}

TEST(Sha256Test, NistVectors) {
  EXPECT_EQ(digestOf(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(digestOf("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(digestOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, OneMillionAInUnevenChunks) {
  const std::string chunkSource(1000, 'a');
  Sha256 sha;
  std::size_t fed = 0;
  std::size_t step = 1;
  while (fed < 1000000) {
    const std::size_t size = std::min({step, chunkSource.size(), std::size_t{1000000} - fed});
    sha.update(chunkSource.data(), size);
    fed += size;
    step = step * 7 % 997 + 1;  // 1, 8, 57, 400, ...: sizes that rarely align to 64
  }
  EXPECT_EQ(sha.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, PaddingBoundaryLengths) {
  // 55 bytes pad within one block; 56 bytes need a second block for the length.
  EXPECT_EQ(digestOf(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(digestOf(std::string(56, 'a')),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(digestOf(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256Test, SplitAtEveryOffsetEqualsOneShot) {
  const std::string message = patternBytes(200);
  const std::string expected = digestOf(message);
  for (std::size_t split = 0; split <= message.size(); ++split) {
    Sha256 sha;
    sha.update(message.data(), split);
    sha.update(message.data() + split, message.size() - split);
    EXPECT_EQ(sha.hexDigest(), expected) << "split at " << split;
  }
  // Three pieces, the middle one straddling the 64-byte boundary.
  for (std::size_t first = 40; first < 64; ++first) {
    for (std::size_t second = 0; second <= 40; ++second) {
      Sha256 sha;
      sha.update(message.data(), first);
      sha.update(message.data() + first, second);
      sha.update(message.data() + first + second, message.size() - first - second);
      ASSERT_EQ(sha.hexDigest(), expected) << "pieces " << first << ", " << second;
    }
  }
}

TEST(Sha256Test, FileEqualsBytes) {
  // Larger than the 1 MiB read block and not a multiple of it.
  const std::string bytes = patternBytes((std::size_t{1} << 20) + 12345);
  TempPath file("file");
  {
    std::ofstream out(file.str(), std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    ASSERT_TRUE(out.good());
  }
  EXPECT_EQ(sha256OfFile(file.str()), digestOf(bytes));
}

TEST(Sha256Test, EmptyFile) {
  TempPath file("empty");
  { std::ofstream out(file.str(), std::ios::binary); }
  EXPECT_EQ(sha256OfFile(file.str()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Test, MissingFileThrowsNamingIt) {
  TempPath missing("missing");
  try {
    sha256OfFile(missing.str());
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(missing.str()), std::string::npos) << error.what();
  }
}

TEST(Sha256Test, DirectoryThrowsNamingIt) {
  TempPath directory("dir");
  std::filesystem::create_directory(directory.str());
  try {
    sha256OfFile(directory.str());
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(directory.str()), std::string::npos) << error.what();
  }
}

TEST(Sha256Test, HexDigestTwiceThrows) {
  Sha256 sha;
  sha.update("abc", 3);
  EXPECT_EQ(sha.hexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_THROW(sha.hexDigest(), std::logic_error);
}

TEST(Sha256Test, UpdateAfterDigestThrows) {
  Sha256 sha;
  sha.hexDigest();
  EXPECT_THROW(sha.update("a", 1), std::logic_error);
}

}  // namespace
}  // namespace lumen::inference
