#include "stream/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/atomic_file.h"
#include "util/error.h"

namespace nsmlab {

void sync_parent_dir(const std::string& path) {
  std::filesystem::path p(path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("{}: cannot open its folder to flush it: {}", path, std::strerror(errno));
  // Some file systems cannot sync a folder (EINVAL): their renames are as durable as they get.
  const bool ok = ::fsync(fd) == 0 || errno == EINVAL;
  const int e = errno;
  ::close(fd);
  if (!ok) fail("{}: cannot flush its folder: {}", path, std::strerror(e));
}

void write_durable(const std::string& path, std::string_view content) {
  write_file_atomic(path, content);
  sync_parent_dir(path);
}

void rename_durable(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) fail("{}: cannot rename to {}: {}", from, to, std::strerror(errno));
  sync_parent_dir(to);
}

PositionalFile::PositionalFile(std::string path, bool create) : path_(std::move(path)) {
  const int flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT | O_EXCL : 0);
  fd_ = ::open(path_.c_str(), flags, 0644);
  if (fd_ < 0) fail("{}: cannot open for writing: {}", path_, std::strerror(errno));
}

PositionalFile::~PositionalFile() {
  if (fd_ >= 0) ::close(fd_);
}

void PositionalFile::write_at(size_t offset, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("{}: write failed: {}", path_, std::strerror(n < 0 ? errno : EIO));
    bytes.remove_prefix(static_cast<size_t>(n));
    offset += static_cast<size_t>(n);
  }
}

void PositionalFile::truncate(size_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) fail("{}: cannot truncate: {}", path_, std::strerror(errno));
}

void PositionalFile::sync() {
  if (::fdatasync(fd_) != 0) fail("{}: cannot flush: {}", path_, std::strerror(errno));
}

size_t PositionalFile::size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) fail("{}: cannot stat: {}", path_, std::strerror(errno));
  return static_cast<size_t>(st.st_size);
}

void PositionalFile::close() {
  if (fd_ < 0) return;
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("{}: cannot close: {}", path_, std::strerror(errno));
}

}  // namespace nsmlab
