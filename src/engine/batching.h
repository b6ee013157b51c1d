// Length-bucketed batching: sentences sorted by length fill batches up to a token
// budget, so short sentences are never padded to the length of long ones.
#pragma once
#include <cstddef>
#include <vector>

namespace nsmlab {

struct BatchPlan {
  std::vector<std::vector<size_t>> batches;  // indices into the input, each batch sorted by decreasing length
  size_t padded_tokens = 0;                  // sum over batches of batch_size * longest
  size_t real_tokens = 0;
};

// budget: max batch_size * longest_length per batch (a single longer sentence still gets its own batch).
// max_batch: cap on sentences per batch (0 = none).
BatchPlan plan_batches(const std::vector<size_t>& lengths, size_t token_budget, size_t max_batch = 0);

}  // namespace nsmlab
