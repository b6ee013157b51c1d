#include "util/regular_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"

namespace nsmlab {

const char* file_kind(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

RegularFile::RegularFile(const std::string& path) {
  // stat first so that a FIFO is refused before open() could block on it.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) fail("{}: file not found", path);
    fail("{}: cannot open: {}", path, std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) fail("{}: expected a regular file, found {}", path, file_kind(st.st_mode));
  // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open still returns at once.
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd_ < 0) fail("{}: cannot open: {}", path, std::strerror(errno));
  if (::fstat(fd_, &st_) != 0) {
    const int e = errno;
    ::close(fd_);
    fail("{}: cannot stat: {}", path, std::strerror(e));
  }
  if (!S_ISREG(st_.st_mode)) {
    ::close(fd_);
    fail("{}: expected a regular file, found {}", path, file_kind(st_.st_mode));
  }
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
}

RegularFile::~RegularFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string read_regular_file(const std::string& path) {
  RegularFile file(path);
  std::string out;
  out.reserve(static_cast<size_t>(file.status().st_size));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("{}: read error: {}", path, std::strerror(errno));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

bool file_exists(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return true;
  if (errno == ENOENT || errno == ENOTDIR) return false;
  fail("{}: cannot access: {}", path, std::strerror(errno));
}

}  // namespace nsmlab
