// Read-only memory mapping of a whole file: model weights are paged in on use,
// never copied.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace nsmlab {

class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&& o) noexcept;

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  const std::string& path() const { return path_; }
  // Drops the whole pages inside [begin, begin + bytes) from this process's resident memory
  // (the kernel reads them back from the file if touched again): for tensors copied elsewhere.
  void evict(const uint8_t* begin, size_t bytes) const;

 private:
  void release();
  std::string path_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// Asks the kernel to map [begin, begin + bytes) of a file mapping in one go before it is read
// through (MADV_POPULATE_READ, Linux 5.14; else MADV_WILLNEED read-ahead): one page fault per
// 4 KiB page cost a quarter of a 278M model's load on a paravirtualised VM. Advice only:
// failure, or memory that is not a mapping, changes nothing.
void prefault_for_reading(const void* begin, size_t bytes);

}  // namespace nsmlab
