// nsmlab's temporary names: <target>.tmp-<pid>-<hex>, with ".old" appended to a previous
// output moved aside. The pid tells a later run leftovers of a killed process (its pid is
// gone) from work in progress; the exact pattern tells them from the user's own files.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace nsmlab {

// target + ".tmp-<this pid>-<random hex>" + tail.
std::string temp_name_for(const std::string& target, std::string_view tail = "");

struct TempName {
  long pid = 0;
  bool old = false;  // ends in ".old": a previous output moved aside
};
// What `name` (a file name, no folder) says if it is a temporary name of `base`; nothing otherwise.
std::optional<TempName> parse_temp_name(std::string_view name, std::string_view base);

// True only when no process with this id exists (a process we may not signal still exists).
bool process_gone(long pid);

// Removes the temporary files and links (never folders) that killed nsmlab processes left
// beside `target` while writing it.
void remove_abandoned_temp_files(const std::string& target);

}  // namespace nsmlab
