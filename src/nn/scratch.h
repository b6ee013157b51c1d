// Scratch memory for one call's activations, kept by its owner (usually thread_local) between
// calls. It grows to a quarter more than asked and never copies or zeroes: std::vector::resize
// did both at every slightly larger batch, measured at ~5% of an fp32 corpus run (memset,
// memmove, page faults). Callers write every element they read, or zero what they need.
// The memory is advised for huge pages (util/huge_page_memory.h): a batch's buffers are tens of
// MiB, and their first touch in 4 KiB pages slowed the first products of a run to a third of
// their speed (oneDNN's verbose log: 111 GFLOP/s where the same product later ran at 360).
#pragma once
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "util/error.h"
#include "util/huge_page_memory.h"

namespace nsmlab {

template <class T>
class Scratch {
  static_assert(std::is_trivially_default_constructible_v<T> && std::is_trivially_destructible_v<T>,
                "raw memory: no constructors run");

 public:
  T* get(size_t n) {
    if (size_ < n) {
      if (n > SIZE_MAX / sizeof(T) / 2) fail("scratch memory for {} values: too large", n);
      memory_ = HugePageMemory();  // the old block first: never both at once
      size_ = 0;
      const size_t grown = n + n / 4;
      memory_ = HugePageMemory(grown * sizeof(T));
      size_ = grown;
    }
    return static_cast<T*>(memory_.data());
  }

 private:
  HugePageMemory memory_;
  size_t size_ = 0;
};

}  // namespace nsmlab
