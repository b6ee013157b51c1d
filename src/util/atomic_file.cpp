#include "util/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "util/error.h"
#include "util/regular_file.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {
std::string unique_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format(".tmp-{}-{:x}", ::getpid(), rng() & 0xffffffu);
}
// Staging folders are named <target>.tmp-<pid>-<hex>: one whose process is gone was
// abandoned (killed mid-run) and is removed.
void remove_abandoned_staging(const std::string& final_path) {
  fs::path target(final_path);
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(parent, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || !e.is_directory(ec)) continue;
    long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(e.path(), ec);
  }
}

}  // namespace

void check_writable_target(const std::string& path) {
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail("{}: cannot write: directory {} does not exist", path, dir.string());
  if (::access(dir.c_str(), W_OK) != 0) fail("{}: cannot write: directory {} is not writable", path, dir.string());
  if (fs::is_directory(target, ec)) fail("{}: cannot write: it is a directory", path);
}

void write_file_atomic(const std::string& path, std::string_view content) {
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail("{}: cannot write: directory {} does not exist", path, dir.string());
  std::string tmp = path + unique_suffix();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail("{}: cannot write: {}", path, std::strerror(errno));
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      fail("{}: write failed: {}", path, std::strerror(e));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    fail("{}: cannot flush: {}", path, std::strerror(e));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    fail("{}: cannot rename temporary file into place: {}", path, std::strerror(e));
  }
}

StagingDirectory::StagingDirectory(std::string final_path) : final_(std::move(final_path)) {
  while (!final_.empty() && final_.size() > 1 && final_.back() == '/') final_.pop_back();
  fs::path target(final_);
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (!fs::is_directory(parent)) fail("{}: cannot create output folder: parent {} is not a directory ({})", final_, parent.string(), ec.message());
  remove_abandoned_staging(final_);
  staging_ = final_ + unique_suffix();
  if (!fs::create_directory(staging_, ec) || ec)
    fail("{}: cannot create output folder: {}", final_, ec ? ec.message() : std::string("already exists"));
  // Probe writability now, not after minutes of work.
  if (::access(staging_.c_str(), W_OK) != 0) fail("{}: output folder is not writable: {}", final_, std::strerror(errno));
}

StagingDirectory::~StagingDirectory() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void StagingDirectory::commit() {
  std::error_code ec;
  std::string old;
  if (fs::exists(final_, ec)) {
    old = final_ + unique_suffix() + ".old";
    fs::rename(final_, old, ec);
    if (ec) fail("{}: cannot replace existing output: {}", final_, ec.message());
  }
  fs::rename(staging_, final_, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, final_, ec);
    fail("{}: cannot move finished output into place: {}", final_, ec.message());
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
}

std::string read_file(const std::string& path) { return read_regular_file(path); }  // refuses FIFOs, devices

}  // namespace nsmlab
