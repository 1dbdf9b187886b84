#include "core/AtomicFileCopy.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/Error.h"

namespace lumen::core {
namespace {

/// A file descriptor, closed when it goes out of scope.
struct FileHandle {
  int fd = -1;
  ~FileHandle() {
    if (fd >= 0) ::close(fd);
  }
};

std::string systemError(const std::string& what) { return what + ": " + std::strerror(errno); }

/// Where `to` is written first: a hidden file beside it, named for this process.
std::string temporaryBeside(const std::string& to) {
  const std::filesystem::path target(to);
  return (target.parent_path() /
          ("." + target.filename().string() + ".part" + std::to_string(::getpid())))
      .string();
}

/// Writes all `size` bytes; false (errno set) when the system refuses.
bool writeAll(int fd, const char* data, std::size_t size) {
  for (std::size_t done = 0; done < size;) {
    const ssize_t put = ::write(fd, data + done, size - done);
    if (put < 0 && errno == EINTR) continue;
    if (put < 0) return false;
    done += static_cast<std::size_t>(put);
  }
  return true;
}

/// Fills `to` through a temporary file: `fill(fd)` writes the bytes and returns false (errno set)
/// or throws on failure; then fsync, close and rename.
template <typename Fill>
void replaceAtomically(const std::string& to, Fill&& fill) {
  const std::string temp = temporaryBeside(to);
  FileHandle out{::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
  if (out.fd < 0) throw Error(ErrorCode::WriteFailed, systemError("cannot create " + temp));
  const auto failWith = [&](const std::string& what) {
    const std::string message = systemError(what);
    ::unlink(temp.c_str());
    throw Error(ErrorCode::WriteFailed, message);
  };
  try {
    if (!fill(out.fd)) failWith("cannot write " + temp);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::WriteFailed) ::unlink(temp.c_str());
    throw;
  }
  if (::fsync(out.fd) != 0) failWith("cannot sync " + temp);
  const int closed = ::close(out.fd);
  out.fd = -1;
  if (closed != 0) failWith("cannot close " + temp);
  if (::rename(temp.c_str(), to.c_str()) != 0) failWith("cannot rename " + temp + " to " + to);
}

}  // namespace

void copyFileAtomically(const std::string& from, const std::string& to) {
  FileHandle in{::open(from.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) throw Error(ErrorCode::ReadFailed, systemError("cannot open " + from));
  replaceAtomically(to, [&](int out) {
    std::vector<char> buffer(1 << 16);
    for (;;) {
      const ssize_t got = ::read(in.fd, buffer.data(), buffer.size());
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) throw Error(ErrorCode::ReadFailed, systemError("cannot read " + from));
      if (got == 0) return true;
      if (!writeAll(out, buffer.data(), static_cast<std::size_t>(got))) return false;
    }
  });
}

void writeFileAtomically(const std::string& to, const void* data, std::size_t size) {
  replaceAtomically(to,
                    [&](int out) { return writeAll(out, static_cast<const char*>(data), size); });
}

void syncFolder(const std::string& folder) {
  FileHandle dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd < 0 || ::fsync(dir.fd) != 0)
    throw Error(ErrorCode::WriteFailed, systemError("cannot sync folder " + folder));
}

}  // namespace lumen::core
