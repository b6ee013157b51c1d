// A run's output folder, filled under a temporary name beside its final place and moved
// there whole by commit(): the final path holds the previous results or the new ones, never
// a mix, and a kill at any moment loses neither.
#pragma once
#include <string>

namespace nsmlab {

class StagingDirectory {
 public:
  enum class Mode {
    Replace,    // final_path may hold a previous nsmlab output (or an empty folder), replaced at commit
    NewFolder,  // never replaces: commit() takes final_path, or final_path-2, -3, ... if taken
  };
  // Refuses a final_path that is not replaceable (see check_replaceable_output), tidies what
  // killed runs left beside it, then creates the staging folder holding nsmlab's marker.
  explicit StagingDirectory(std::string final_path, Mode mode = Mode::Replace);
  ~StagingDirectory();
  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;

  // Where to write files now.
  const std::string& path() const { return staging_; }
  std::string file(const std::string& name) const { return staging_ + "/" + name; }
  // Moves the staged folder into place and returns where it went.
  std::string commit();

 private:
  std::string final_;
  std::string staging_;
  Mode mode_;
  bool committed_ = false;
};

// The steps of commit() and of the tidying, public so tests can stop between them as a kill would.
// Puts `staged` at `final_path`, replacing what is there (already checked to be replaceable)
// by an atomic exchange, or, where the file system cannot exchange (or use_exchange is
// false), by moving it aside to a ".old" name first. The previous output is then removed.
void move_output_into_place(const std::string& staged, const std::string& final_path, bool use_exchange = true);
// In the folder of `final_path`, for the temporary folders named after `base` whose process
// is gone: a lone ".old" copy (final_path missing) is renamed back to final_path; other
// copies are removed if they carry nsmlab's marker (or are empty), otherwise left alone.
void tidy_abandoned_staging(const std::string& final_path, const std::string& base);

}  // namespace nsmlab
