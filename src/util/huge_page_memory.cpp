#include "util/huge_page_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include "util/error.h"

namespace nsmlab {

namespace {
constexpr size_t kHugePage = size_t(2) << 20;
}

HugePageMemory::HugePageMemory(size_t bytes) {
  if (bytes == 0) return;
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  if (bytes > SIZE_MAX - 2 * kHugePage) fail("cannot allocate {} bytes: too large", bytes);
  const size_t size = (bytes + page - 1) / page * page;
  // Over-allocate by one huge page, then unmap the unaligned head and the tail beyond `size`.
  const size_t span = size + kHugePage;
  void* p = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) fail("cannot allocate {} MiB: {}", bytes >> 20, std::strerror(errno));
  const uintptr_t start = reinterpret_cast<uintptr_t>(p);
  const uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) munmap(p, aligned - start);
  const uintptr_t end = start + span, used_end = aligned + size;
  if (end > used_end) munmap(reinterpret_cast<void*>(used_end), end - used_end);
  data_ = reinterpret_cast<void*>(aligned);
  size_ = size;
  madvise(data_, size_, MADV_HUGEPAGE);  // advice: where THP is off or unsupported, small pages
}

HugePageMemory::~HugePageMemory() { release(); }

HugePageMemory::HugePageMemory(HugePageMemory&& o) noexcept
    : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}

HugePageMemory& HugePageMemory::operator=(HugePageMemory&& o) noexcept {
  if (this != &o) {
    release();
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
  }
  return *this;
}

void HugePageMemory::release() {
  if (data_) munmap(data_, size_);
  data_ = nullptr;
  size_ = 0;
}

}  // namespace nsmlab
