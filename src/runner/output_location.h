// Where `nsmlab run` puts its results. With --output, that folder (replaced only if it is a
// previous nsmlab output). By default earlier results are kept: each run gets a new folder
// nsmlab-out/<UTC date-time>-<model>/ and nsmlab-out/latest links to the newest.
#pragma once
#include <ctime>
#include <string>

namespace nsmlab {

inline constexpr const char* kDefaultOutputRoot = "nsmlab-out";
inline constexpr const char* kLatestLink = "latest";

// "2026-11-27T192530Z-all-MiniLM-L6-v2": sortable, no characters a shell or file system dislikes.
std::string run_folder_name(const std::string& model_name, std::time_t when);

// Points root/latest at `folder` (a name inside root) by renaming a new relative link over the
// old one. Something at root/latest that is not a link is left alone, with a warning.
void point_latest_link(const std::string& root, const std::string& folder);

// Fails if `input` (a dataset or model the run reads) is the output folder or inside it:
// replacing the output would delete it.
void refuse_input_inside_output(const std::string& output, const std::string& input, const char* what);

}  // namespace nsmlab
