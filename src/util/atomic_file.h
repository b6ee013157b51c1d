// Outputs appear whole or not at all: content goes to a temporary file beside the
// target and is renamed over it only once complete and flushed.
#pragma once
#include <string>
#include <string_view>

namespace nsmlab {

// Writes `content` to `path` atomically. Throws nsmlab::Error naming the path.
void write_file_atomic(const std::string& path, std::string_view content);

// A directory filled under a temporary name, then renamed into place by commit().
// If destroyed without commit() (an error), the partial directory is removed; one left by a
// killed process is removed by the next StagingDirectory for the same target.
class StagingDirectory {
 public:
  explicit StagingDirectory(std::string final_path);
  ~StagingDirectory();
  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;

  // Where to write files now.
  const std::string& path() const { return staging_; }
  std::string file(const std::string& name) const { return staging_ + "/" + name; }
  // Replaces final_path with the staged directory (an existing one is moved aside, then removed).
  void commit();

 private:
  std::string final_;
  std::string staging_;
  bool committed_ = false;
};

// Fails now, naming the path, if `path` could not be written later (its directory is
// missing or not writable): long work should not end in an unwritable output.
void check_writable_target(const std::string& path);

// Reads a whole file; throws nsmlab::Error naming the path.
std::string read_file(const std::string& path);

}  // namespace nsmlab
