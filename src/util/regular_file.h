// Opening a user's file for reading only when it is a regular file: a FIFO would block
// open() forever, a device could be endless, and a symlink loop must be an error naming
// the path rather than an exception from std::filesystem.
#pragma once
#include <sys/stat.h>

#include <string>

namespace nsmlab {

// A read-only descriptor of a regular file, closed on destruction. Errors name the path.
class RegularFile {
 public:
  explicit RegularFile(const std::string& path);
  ~RegularFile();
  RegularFile(const RegularFile&) = delete;
  RegularFile& operator=(const RegularFile&) = delete;

  int fd() const { return fd_; }
  const struct stat& status() const { return st_; }  // fstat of the opened descriptor

 private:
  int fd_ = -1;
  struct stat st_ {};
};

// The whole content of a regular file.
std::string read_regular_file(const std::string& path);

// True when path exists (following symlinks), false when it or a parent is missing;
// any other failure (symlink loop, permission) is an error naming the path.
bool file_exists(const std::string& path);

// "a directory", "a FIFO", ... for error messages.
const char* file_kind(mode_t mode);

}  // namespace nsmlab
