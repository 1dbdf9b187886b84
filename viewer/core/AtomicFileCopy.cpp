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

}  // namespace

void copyFileAtomically(const std::string& from, const std::string& to) {
  const std::filesystem::path target(to);
  const std::string temp = (target.parent_path() / ("." + target.filename().string() + ".part" +
                                                    std::to_string(::getpid())))
                               .string();
  FileHandle in{::open(from.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) throw Error(ErrorCode::ReadFailed, systemError("cannot open " + from));
  FileHandle out{::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
  if (out.fd < 0) throw Error(ErrorCode::WriteFailed, systemError("cannot create " + temp));
  const auto failWith = [&](ErrorCode code, const std::string& what) {
    const std::string message = systemError(what);
    ::unlink(temp.c_str());
    throw Error(code, message);
  };
  std::vector<char> buffer(1 << 16);
  for (;;) {
    const ssize_t got = ::read(in.fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) failWith(ErrorCode::ReadFailed, "cannot read " + from);
    if (got == 0) break;
    for (ssize_t done = 0; done < got;) {
      const ssize_t put =
          ::write(out.fd, buffer.data() + done, static_cast<std::size_t>(got - done));
      if (put < 0 && errno == EINTR) continue;
      if (put < 0) failWith(ErrorCode::WriteFailed, "cannot write " + temp);
      done += put;
    }
  }
  if (::fsync(out.fd) != 0) failWith(ErrorCode::WriteFailed, "cannot sync " + temp);
  const int closed = ::close(out.fd);
  out.fd = -1;
  if (closed != 0) failWith(ErrorCode::WriteFailed, "cannot close " + temp);
  if (::rename(temp.c_str(), to.c_str()) != 0)
    failWith(ErrorCode::WriteFailed, "cannot rename " + temp + " to " + to);
}

void syncFolder(const std::string& folder) {
  FileHandle dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd < 0 || ::fsync(dir.fd) != 0)
    throw Error(ErrorCode::WriteFailed, systemError("cannot sync folder " + folder));
}

}  // namespace lumen::core
