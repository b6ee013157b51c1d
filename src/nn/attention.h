// Multi-head self-attention over packed sequences: each sequence attends only to its
// own real tokens, so padded keys never enter the softmax and padded queries are never
// computed. One OpenMP task per (sequence, head).
#pragma once
#include <cstddef>

#include "backend/packed_batch.h"

namespace nsmlab {

// Additive score bias that depends on the relative position k - q (MPNet):
// values[h * (2 * span - 1) + (k - q) + span - 1], for |k - q| < span.
struct RelativeBias {
  const float* values = nullptr;
  size_t span = 0;
};

// qkv: [tokens, 3 * hidden] rows laid out as q | k | v, head h at columns h*head_dim.
// out: [tokens, hidden], softmax(q k^T / sqrt(head_dim) + bias) v per head.
void packed_attention(const float* qkv, size_t hidden, size_t heads, const PackedBatch& tokens,
                      const RelativeBias& bias, float* out);

}  // namespace nsmlab
