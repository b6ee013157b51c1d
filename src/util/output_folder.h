// What makes a folder nsmlab's own output: a marker file, written into it before anything
// else. Only such a folder (or an empty one) is ever replaced or removed by nsmlab; a file,
// a link, or a folder holding anything without the marker (a model, a dataset, a thesis) is
// refused, never touched.
#pragma once
#include <string>

namespace nsmlab {

inline constexpr const char* kOutputMarker = ".nsmlab-output";

// Writes the marker (a schema line, nothing about the machine or the user) into `dir`.
void write_output_marker(const std::string& dir);

// True if `dir` is a folder (not a link) holding nsmlab's marker (a regular file).
bool is_nsmlab_output(const std::string& dir);

// Fails, naming the path and saying why, unless `path` does not exist, is an empty folder,
// or is an nsmlab output folder.
void check_replaceable_output(const std::string& path);

// Removes an nsmlab output folder (or an empty folder); anything else is left alone. The
// marker goes last, so a folder half-removed by a kill is still recognised as nsmlab's.
// Returns whether the folder is gone.
bool remove_output_folder(const std::string& dir);

}  // namespace nsmlab
