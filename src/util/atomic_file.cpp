#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "util/error.h"
#include "util/regular_file.h"
#include "util/temp_names.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {

constexpr int kMaxLinkHops = 40;  // as the kernel's own limit

std::string parent_of(const std::string& path) {
  fs::path p(path);
  return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

// "-", /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name a descriptor this
// process already has: write to it, never reopen or replace the path.
std::optional<int> descriptor_named(const std::string& path) {
  if (path == "-" || path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.rfind(prefix, 0) != 0) continue;
    std::string_view n = std::string_view(path).substr(prefix.size());
    if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    return std::stoi(std::string(n));
  }
  return std::nullopt;
}

void write_all(int fd, std::string_view content, const std::string& shown) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("{}: write failed: {}", shown, std::strerror(n < 0 ? errno : EIO));
    p += n;
    left -= static_cast<size_t>(n);
  }
}

// Pipes, terminals and some devices cannot be synced: that is not a failed write.
void sync_if_possible(int fd, const std::string& shown) {
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
    fail("{}: cannot flush: {}", shown, std::strerror(errno));
}

void write_to_descriptor(int fd, std::string_view content, const std::string& shown) {
  std::fflush(stdout);  // what was printed before comes first
  write_all(fd, content, shown);
  sync_if_possible(fd, shown);
}

// Devices, FIFOs, sockets: opened for writing as they are (no create, no truncate, no rename).
void write_through(const std::string& path, std::string_view content, const std::string& shown) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) fail("{}: cannot open for writing: {}", shown, std::strerror(errno));
  try {
    write_all(fd, content, shown);
    sync_if_possible(fd, shown);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail("{}: cannot close: {}", shown, std::strerror(errno));
}

// The path a chain of symbolic links ends at (which may not exist yet): what to replace.
std::string follow_links(const std::string& path, const std::string& shown) {
  std::string p = path;
  for (int hop = 0; hop <= kMaxLinkHops; ++hop) {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
    std::error_code ec;
    fs::path to = fs::read_symlink(p, ec);
    if (ec) fail("{}: cannot read symbolic link {}: {}", shown, p, ec.message());
    p = to.is_absolute() ? to.string() : (fs::path(parent_of(p)) / to).string();
  }
  fail("{}: too many levels of symbolic links", shown);
}

// A regular file or a new path: temporary file beside it, flushed, renamed over it.
void replace_by_rename(const std::string& target, std::string_view content, const std::string& shown,
                       std::optional<mode_t> keep_mode) {
  const std::string dir = parent_of(target);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail("{}: cannot write: directory {} does not exist", shown, dir);
  remove_abandoned_temp_files(target);
  const std::string tmp = temp_name_for(target);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail("{}: cannot write: {}", shown, std::strerror(errno));
  try {
    if (keep_mode) ::fchmod(fd, *keep_mode);  // the user's permissions survive the replacement
    write_all(fd, content, shown);
    if (::fsync(fd) != 0) fail("{}: cannot flush: {}", shown, std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    fail("{}: cannot flush: {}", shown, std::strerror(e));
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    fail("{}: cannot rename temporary file into place: {}", shown, std::strerror(e));
  }
}

}  // namespace

void write_file_atomic(const std::string& path, std::string_view content) {
  const std::string shown = path == "-" ? std::string("standard output") : path;
  if (auto fd = descriptor_named(path)) return write_to_descriptor(*fd, content, shown);
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) fail("{}: cannot write: it is a directory", shown);
    if (!S_ISREG(st.st_mode)) return write_through(path, content, shown);
    return replace_by_rename(follow_links(path, shown), content, shown, st.st_mode & 07777);
  }
  if (errno != ENOENT) fail("{}: cannot write: {}", shown, std::strerror(errno));
  // A new file, or a link to one that does not exist yet: create it where the link points.
  replace_by_rename(follow_links(path, shown), content, shown, std::nullopt);
}

void check_writable_target(const std::string& path) {
  if (descriptor_named(path)) return;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) fail("{}: cannot write: it is a directory", path);
    if (!S_ISREG(st.st_mode)) return;  // written through, no temporary file beside it
  }
  const std::string dir = parent_of(follow_links(path, path));
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail("{}: cannot write: directory {} does not exist", path, dir);
  if (::access(dir.c_str(), W_OK) != 0) fail("{}: cannot write: directory {} is not writable", path, dir);
}

bool is_existing_regular_file(const std::string& path) {
  struct stat st;
  return !descriptor_named(path) && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void refuse_existing_output(const std::string& path, bool force) {
  if (!force && is_existing_regular_file(path))
    fail("{}: already exists; pass --force to replace it, or choose another output file", path);
}

std::string read_file(const std::string& path) { return read_regular_file(path); }  // refuses FIFOs, devices

}  // namespace nsmlab
