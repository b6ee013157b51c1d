#include "stream/spooled_sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "util/error.h"
#include "util/npy.h"

namespace nsmlab {

namespace {
void write_all(int fd, const char* p, size_t n, const std::string& shown) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) fail("{}: write failed: {}", shown, std::strerror(w < 0 ? errno : EIO));
    p += w;
    n -= static_cast<size_t>(w);
  }
}
}  // namespace

bool SpooledSink::wanted_for(const std::string& target) {
  if (target == "-" || target == "/dev/stdout") return true;
  struct stat st {};
  return ::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

SpooledSink::SpooledSink(std::string target, const SinkLayout& layout) : target_(std::move(target)), layout_(layout) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0) fail("{}: cannot create a temporary file to spool the output: {}", dir, std::strerror(errno));
  const std::string prefix = npy_prefix(layout_.descr, 0, layout_.columns, NpyFileSink::kPrefixBytes);
  write_all(fd_, prefix.data(), prefix.size(), "temporary spool file");
  offset_ = prefix.size();
}

SpooledSink::~SpooledSink() {
  if (fd_ >= 0) ::close(fd_);
}

void SpooledSink::commit_chunk(size_t, size_t, const std::string& bytes) {
  write_all(fd_, bytes.data(), bytes.size(), "temporary spool file");
}

void SpooledSink::finish(size_t, size_t total_rows) {
  const std::string prefix = npy_prefix(layout_.descr, total_rows, layout_.columns, NpyFileSink::kPrefixBytes);
  if (::pwrite(fd_, prefix.data(), prefix.size(), 0) != static_cast<ssize_t>(prefix.size()))
    fail("temporary spool file: write failed: {}", std::strerror(errno));
  if (::lseek(fd_, 0, SEEK_SET) != 0) fail("temporary spool file: cannot seek: {}", std::strerror(errno));
  const bool out = target_ == "-" || target_ == "/dev/stdout";
  const std::string shown = out ? "standard output" : target_;
  const int to = out ? 1 : ::open(target_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (to < 0) fail("{}: cannot open for writing: {}", shown, std::strerror(errno));
  std::fflush(stdout);
  std::vector<char> buffer(1 << 20);
  for (;;) {
    const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("temporary spool file: read failed: {}", std::strerror(errno));
    if (n == 0) break;
    write_all(to, buffer.data(), static_cast<size_t>(n), shown);
  }
  if (!out && ::close(to) != 0) fail("{}: cannot close: {}", shown, std::strerror(errno));
}

}  // namespace nsmlab
