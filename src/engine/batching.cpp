#include "engine/batching.h"

#include <algorithm>
#include <numeric>

namespace nsmlab {

BatchPlan plan_batches(const std::vector<size_t>& lengths, size_t token_budget, size_t max_batch) {
  BatchPlan plan;
  std::vector<size_t> order(lengths.size());
  std::iota(order.begin(), order.end(), 0);
  // Longest first: the first batch shows the peak memory at once, and ties keep input order.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return lengths[a] > lengths[b]; });
  std::vector<size_t> current;
  size_t longest = 0;
  for (size_t idx : order) {
    size_t len = std::max<size_t>(lengths[idx], 1);
    size_t new_longest = std::max(longest, len);
    bool over_budget = !current.empty() && (current.size() + 1) * new_longest > token_budget;
    bool over_count = max_batch > 0 && current.size() >= max_batch;
    if (over_budget || over_count) {
      plan.padded_tokens += current.size() * longest;
      plan.batches.push_back(std::move(current));
      current.clear();
      new_longest = len;
    }
    current.push_back(idx);
    longest = new_longest;
    plan.real_tokens += lengths[idx];
  }
  if (!current.empty()) {
    plan.padded_tokens += current.size() * longest;
    plan.batches.push_back(std::move(current));
  }
  return plan;
}

}  // namespace nsmlab
