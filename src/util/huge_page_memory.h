// Anonymous memory for large, long-lived buffers (packed model weights, activation scratch),
// aligned to 2 MiB and advised for transparent huge pages: packing a 278M model's products into 4 KiB pages
// took ~85,000 page faults (a third of its load on a paravirtualised VM), and every batch then
// streams those weights through the TLB. The mapping covers exactly the bytes asked for (rounded
// to 4 KiB), so the partial huge page at the end costs nothing extra. Works, with small pages,
// where huge pages are off.
#pragma once
#include <cstddef>

namespace nsmlab {

class HugePageMemory {
 public:
  HugePageMemory() = default;
  explicit HugePageMemory(size_t bytes);  // fails (nsmlab::Error) when the memory cannot be had
  ~HugePageMemory();
  HugePageMemory(const HugePageMemory&) = delete;
  HugePageMemory& operator=(const HugePageMemory&) = delete;
  HugePageMemory(HugePageMemory&& o) noexcept;
  HugePageMemory& operator=(HugePageMemory&& o) noexcept;

  void* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  void release();
  void* data_ = nullptr;
  size_t size_ = 0;  // bytes mapped (a multiple of the page size)
};

}  // namespace nsmlab
