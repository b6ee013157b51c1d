#include "util/huge_page_memory.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "util/mapped_file.h"

namespace nsmlab {
namespace {

TEST(HugePageMemory, IsAlignedToTwoMebibytesAndCoversWhatWasAsked) {
  for (size_t bytes : {size_t(1), size_t(4096), size_t(3) << 20, (size_t(5) << 20) + 123}) {
    HugePageMemory m(bytes);
    ASSERT_NE(m.data(), nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(m.data()) % (size_t(2) << 20), 0u) << bytes;
    EXPECT_GE(m.size(), bytes);
    EXPECT_LT(m.size(), bytes + 4096 * 16);  // rounded to a page, not to a huge page
    std::memset(m.data(), 0x5a, bytes);      // writable to the last byte
    EXPECT_EQ(static_cast<unsigned char*>(m.data())[bytes - 1], 0x5a);
  }
}

TEST(HugePageMemory, MovesOwnershipAndTakesNothingForZeroBytes) {
  HugePageMemory empty(0);
  EXPECT_EQ(empty.data(), nullptr);
  HugePageMemory a(1 << 20);
  void* p = a.data();
  HugePageMemory b(std::move(a));
  EXPECT_EQ(b.data(), p);
  EXPECT_EQ(a.data(), nullptr);
  a = std::move(b);
  EXPECT_EQ(a.data(), p);
}

TEST(PrefaultForReading, IsHarmlessAnywhere) {
  std::vector<char> heap(10000, 'x');
  prefault_for_reading(heap.data() + 17, 5000);  // not a file mapping: advice ignored
  prefault_for_reading(nullptr, 100);
  prefault_for_reading(heap.data(), 0);
  EXPECT_EQ(heap[9999], 'x');
}

}  // namespace
}  // namespace nsmlab
