#include "util/staging_directory.h"

#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28, _GNU_SOURCE)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "util/error.h"
#include "util/output_folder.h"
#include "util/temp_names.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {

constexpr const char* kNewRunBase = ".nsmlab-run";  // staging name of a NewFolder run
constexpr int kMaxSameNameRuns = 1000;

std::string parent_of(const std::string& path) {
  fs::path p(path);
  return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

bool exists_no_follow(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

void remove_previous(const std::string& old, const std::string& final_path) {
  if (!remove_output_folder(old))
    std::fprintf(stderr, "nsmlab: warning: the previous output of %s is left at %s\n", final_path.c_str(), old.c_str());
}

}  // namespace

void move_output_into_place(const std::string& staged, const std::string& final_path, bool use_exchange) {
  if (!exists_no_follow(final_path)) {
    if (::rename(staged.c_str(), final_path.c_str()) != 0)
      fail("{}: cannot move finished output into place: {}", final_path, std::strerror(errno));
    return;
  }
  // One step: after it, final_path holds the new output and `staged` the previous one.
  if (use_exchange && ::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, final_path.c_str(), RENAME_EXCHANGE) == 0)
    return remove_previous(staged, final_path);
  if (use_exchange && errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    fail("{}: cannot replace existing output: {}", final_path, std::strerror(errno));
  // No exchange here: move aside, then in. A kill between the two leaves only the ".old"
  // copy, which the next run for this path renames back (tidy_abandoned_staging).
  const std::string old = temp_name_for(final_path, ".old");
  if (::rename(final_path.c_str(), old.c_str()) != 0)
    fail("{}: cannot replace existing output: {}", final_path, std::strerror(errno));
  if (::rename(staged.c_str(), final_path.c_str()) != 0) {
    int e = errno;
    ::rename(old.c_str(), final_path.c_str());
    fail("{}: cannot move finished output into place: {}", final_path, std::strerror(e));
  }
  remove_previous(old, final_path);
}

void tidy_abandoned_staging(const std::string& final_path, const std::string& base) {
  std::vector<std::string> olds, staged;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(parent_of(final_path), ec)) {
    auto name = parse_temp_name(e.path().filename().string(), base);
    struct stat st;
    if (!name || ::lstat(e.path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || !process_gone(name->pid)) continue;
    (name->old ? olds : staged).push_back(e.path().string());
  }
  for (const auto& old : olds) {
    if (!exists_no_follow(final_path) && ::rename(old.c_str(), final_path.c_str()) == 0) {
      std::fprintf(stderr, "nsmlab: restored %s from %s, left by an interrupted run\n", final_path.c_str(), old.c_str());
      continue;
    }
    remove_output_folder(old);  // a stale copy beside a complete output: removed only if nsmlab's
  }
  for (const auto& s : staged) remove_output_folder(s);
}

StagingDirectory::StagingDirectory(std::string final_path, Mode mode) : mode_(mode) {
  final_ = fs::path(final_path).lexically_normal().string();
  while (final_.size() > 1 && final_.back() == '/') final_.pop_back();
  const std::string leaf = fs::path(final_).filename().string();
  if (leaf.empty() || leaf == "." || leaf == ".." || final_ == "/")
    fail("{}: not usable as an output folder; name a folder, e.g. results/run1", final_path);
  if (mode_ == Mode::Replace) check_replaceable_output(final_);
  const std::string parent = parent_of(final_);
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (!fs::is_directory(parent, ec))
    fail("{}: cannot create output folder: parent {} is not a directory", final_path, parent);
  const std::string base = mode_ == Mode::Replace ? leaf : kNewRunBase;
  tidy_abandoned_staging(final_, base);
  staging_ = temp_name_for((fs::path(parent) / base).string());
  if (!fs::create_directory(staging_, ec) || ec)
    fail("{}: cannot create output folder: {}", final_path, ec ? ec.message() : std::string("already exists"));
  committed_ = false;
  // The marker first: whatever happens next, the staging folder is recognisably nsmlab's.
  try {
    write_output_marker(staging_);
  } catch (...) {
    ::rmdir(staging_.c_str());
    throw;
  }
}

StagingDirectory::~StagingDirectory() {
  if (!committed_) remove_output_folder(staging_);
}

std::string StagingDirectory::commit() {
  if (mode_ == Mode::Replace) {
    check_replaceable_output(final_);  // again: the path may have changed during the run
    move_output_into_place(staging_, final_);
    committed_ = true;
    return final_;
  }
  // Reserve a free name with mkdir (atomic), then rename over the empty reservation.
  for (int i = 1; i <= kMaxSameNameRuns; ++i) {
    std::string candidate = i == 1 ? final_ : final_ + "-" + std::to_string(i);
    if (::mkdir(candidate.c_str(), 0755) != 0) {
      if (errno == EEXIST) continue;
      fail("{}: cannot create output folder: {}", candidate, std::strerror(errno));
    }
    if (::rename(staging_.c_str(), candidate.c_str()) != 0) {
      int e = errno;
      ::rmdir(candidate.c_str());
      fail("{}: cannot move finished output into place: {}", candidate, std::strerror(e));
    }
    committed_ = true;
    return candidate;
  }
  fail("{}: cannot create output folder: {} folders of that name exist", final_, kMaxSameNameRuns);
}

}  // namespace nsmlab
