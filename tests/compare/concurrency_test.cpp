#include "compare/concurrency.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace nsmlab {
namespace {

constexpr uint64_t kGiB = 1ull << 30;

TEST(Concurrency, OneAtATimeByDefaultAndANumberCappedByTheModels) {
  const std::vector<uint64_t> four(4, kGiB);
  EXPECT_EQ(choose_concurrency("1", four, 100 * kGiB, 8).models, 1);
  EXPECT_EQ(choose_concurrency("3", four, 1 * kGiB, 8).models, 3);  // asked for: memory is the user's call
  EXPECT_EQ(choose_concurrency("9", four, 100 * kGiB, 8).models, 4);
}

TEST(Concurrency, AutoFitsTheLargestModelsInThreeQuartersOfAvailableMemory) {
  // 0.75 * 8 GiB = 6 GiB: the largest (4) and the next (2) fit, a third does not.
  EXPECT_EQ(choose_concurrency("auto", {1 * kGiB, 4 * kGiB, 2 * kGiB, 1 * kGiB}, 8 * kGiB, 16).models, 2);
  EXPECT_EQ(choose_concurrency("auto", std::vector<uint64_t>(4, kGiB), 100 * kGiB, 16).models, 4);
  EXPECT_EQ(choose_concurrency("auto", std::vector<uint64_t>(4, kGiB), 100 * kGiB, 2).models, 2);  // cores
  const ConcurrencyChoice none = choose_concurrency("auto", {20 * kGiB, kGiB}, 8 * kGiB, 16);
  EXPECT_EQ(none.models, 1);
  EXPECT_NE(none.reason.find("exceeds"), std::string::npos) << none.reason;
  EXPECT_EQ(choose_concurrency("auto", std::vector<uint64_t>(4, kGiB), std::nullopt, 16).models, 1);
}

TEST(Concurrency, RefusesWhatIsNotANumberOrAuto) {
  for (const char* bad : {"0", "-1", "two", "2x", "", "65"}) EXPECT_THROW(choose_concurrency(bad, {kGiB, kGiB}, kGiB, 2), Error) << bad;
}

}  // namespace
}  // namespace nsmlab
