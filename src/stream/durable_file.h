// The file operations a resumable run commits its work with: what they return has reached
// the disk (data and the directory entry), so a power cut cannot undo a committed chunk.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace nsmlab {

// write_file_atomic, then the directory is synced so that the rename itself survives.
void write_durable(const std::string& path, std::string_view content);
// Syncs the folder holding `path` (the file's name in it).
void sync_parent_dir(const std::string& path);
// rename(2) then sync_parent_dir; errors name both paths.
void rename_durable(const std::string& from, const std::string& to);

// A file written at explicit offsets (the incremental .npy), opened for reading and writing.
class PositionalFile {
 public:
  // create: a new file (O_EXCL: never one that exists); otherwise an existing one.
  PositionalFile(std::string path, bool create);
  ~PositionalFile();
  PositionalFile(const PositionalFile&) = delete;
  PositionalFile& operator=(const PositionalFile&) = delete;
  void write_at(size_t offset, std::string_view bytes);
  void truncate(size_t size);
  void sync();  // fdatasync: the data written so far is on the disk
  size_t size() const;
  void close();  // reports a failed close (the last write's error) instead of dropping it

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace nsmlab
