// MPNet's relative position buckets (T5-style, bidirectional): 32 buckets, the first
// half for keys at or before the query, exact up to distance 8, logarithmic up to 128.
#pragma once
#include <cstddef>
#include <vector>

namespace nsmlab {

// Bucket of relative position k - q, as transformers' MPNetEncoder.relative_position_bucket
// with its defaults (num_buckets 32, max_distance 128).
int mpnet_relative_bucket(long relative_position, int num_buckets = 32, int max_distance = 128);

// Bias table for one batch: [heads][2*span - 1] indexed by k - q + span - 1, read from
// the [buckets, heads] embedding.
std::vector<float> mpnet_relative_bias(const float* bias_weight, size_t heads, size_t span);

}  // namespace nsmlab
