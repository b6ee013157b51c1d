#include "util/output_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string_view>

#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {
constexpr std::string_view kMarkerContent = "{\"schema\": \"nsmlab.output/1\"}\n";
constexpr std::string_view kMarkerPrefix = "{\"schema\": \"nsmlab.output/";

bool is_real_folder(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_empty_folder(const std::string& path) {
  std::error_code ec;
  return is_real_folder(path) && fs::is_empty(path, ec) && !ec;
}
}  // namespace

void write_output_marker(const std::string& dir) {
  write_file_atomic(dir + "/" + kOutputMarker, kMarkerContent);
}

bool is_nsmlab_output(const std::string& dir) {
  if (!is_real_folder(dir)) return false;
  const std::string marker = dir + "/" + kOutputMarker;
  int fd = ::open(marker.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  char buf[64] = {};
  ssize_t n = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? ::read(fd, buf, sizeof buf) : -1;
  ::close(fd);
  return n >= static_cast<ssize_t>(kMarkerPrefix.size()) && std::string_view(buf, kMarkerPrefix.size()) == kMarkerPrefix;
}

void check_replaceable_output(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return;  // nothing there yet
  if (S_ISLNK(st.st_mode))
    fail("{}: refusing to replace a symbolic link with run results; choose a new output folder", path);
  if (!S_ISDIR(st.st_mode))
    fail("{}: refusing to replace an existing file with run results; choose a new output folder", path);
  if (is_empty_folder(path) || is_nsmlab_output(path)) return;
  fail("{}: refusing to replace this folder: it is not empty and is not an nsmlab output (no {} file in it); "
       "choose a new output folder",
       path, kOutputMarker);
}

bool remove_output_folder(const std::string& dir) {
  std::error_code ec;
  if (is_nsmlab_output(dir)) {
    const fs::path marker = fs::path(dir) / kOutputMarker;
    bool rest_gone = true;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      std::error_code e_ec;
      if (e.path() != marker) fs::remove_all(e.path(), e_ec);
      if (e_ec) rest_gone = false;
    }
    if (rest_gone && !ec) fs::remove(marker, ec);
  }
  return ::rmdir(dir.c_str()) == 0;  // only ever removes an empty folder
}

}  // namespace nsmlab
