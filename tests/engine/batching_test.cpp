#include "engine/batching.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using nsmlab::plan_batches;

TEST(Batching, EveryIndexExactlyOnce) {
  std::vector<size_t> lens = {5, 120, 7, 7, 64, 3, 128, 9, 9, 30};
  auto plan = plan_batches(lens, 256);
  std::multiset<size_t> seen;
  for (auto& b : plan.batches) seen.insert(b.begin(), b.end());
  ASSERT_EQ(seen.size(), lens.size());
  for (size_t i = 0; i < lens.size(); ++i) EXPECT_EQ(seen.count(i), 1u);
}

TEST(Batching, RespectsTokenBudgetAndSortsByLength) {
  std::vector<size_t> lens;
  for (size_t i = 0; i < 200; ++i) lens.push_back(3 + (i * 37) % 120);
  auto plan = plan_batches(lens, 1024);
  for (auto& b : plan.batches) {
    size_t longest = lens[b.front()];
    for (size_t k = 1; k < b.size(); ++k) EXPECT_GE(lens[b[k - 1]], lens[b[k]]);
    if (b.size() > 1) {
      EXPECT_LE(b.size() * longest, 1024u);
    }
  }
  // Sorting keeps padding small: far less than padding everything to the global maximum.
  size_t naive = lens.size() * *std::max_element(lens.begin(), lens.end());
  EXPECT_LT(plan.padded_tokens, naive / 2 + naive / 10);
  EXPECT_GE(plan.padded_tokens, plan.real_tokens);
}

TEST(Batching, OversizedSentenceGetsItsOwnBatch) {
  auto plan = plan_batches({500, 10, 10}, 64);
  ASSERT_EQ(plan.batches.front().size(), 1u);
  EXPECT_EQ(plan.batches.front()[0], 0u);
}

TEST(Batching, MaxBatchCap) {
  std::vector<size_t> lens(10, 4);
  auto plan = plan_batches(lens, 1 << 20, 3);
  EXPECT_EQ(plan.batches.size(), 4u);
}
