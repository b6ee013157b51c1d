// Writing an output file without ever destroying something else at its path.
// A regular file (or a new path) is written whole or not at all: content goes to a temporary
// file beside it, renamed over it once complete and flushed. Anything else is written
// through: "-" is standard output; devices, pipes and sockets are opened for writing (never
// truncated, never replaced); a symbolic link is followed and its target replaced, so the
// link stays a link.
#pragma once
#include <string>
#include <string_view>

namespace nsmlab {

// Writes `content` to `path` as above. Throws nsmlab::Error naming the path, also when a
// write, flush or close fails (e.g. on /dev/full).
void write_file_atomic(const std::string& path, std::string_view content);

// Fails now, naming the path, if `path` could not be written later (its directory is
// missing or not writable, or it is a folder): long work should not end in an unwritable output.
void check_writable_target(const std::string& path);

// True if `path` (following links) is an existing regular file: what a rename would replace.
bool is_existing_regular_file(const std::string& path);

// Fails, naming the path, if `path` is an existing regular file and `force` is false: a file
// nsmlab did not write (a user's data) is replaced only when asked. Devices, pipes and "-" pass.
void refuse_existing_output(const std::string& path, bool force);

// Reads a whole file; throws nsmlab::Error naming the path.
std::string read_file(const std::string& path);

}  // namespace nsmlab
