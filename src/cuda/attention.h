// Attention over packed sequences of different lengths, without padding: FlashAttention's
// online softmax per (query block, head), reading Q, K and V in place from the fused QKV rows
// and adding MPNet's relative position bias inside the kernel.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

namespace nsmlab::cuda {

// One unit of work: `queries` rows of sequence `sequence` starting at query `first`.
struct AttentionItem {
  int32_t sequence, first;
};

// Queries each work item covers for head size `head_dim` (the host splits sequences by it).
int attention_block_queries(int head_dim);

struct AttentionArgs {
  const void* qkv;         // [tokens][3 * hidden] in T: q | k | v, head h at columns h * d
  void* context;           // [tokens][hidden] in T
  const int32_t* offset;   // [sequences + 1]
  const int32_t* column;   // [tokens]
  const float* bias;       // MPNet: [heads][2 * span - 1] or nullptr
  int span;
  const AttentionItem* items;
  int item_count;
  int hidden, heads;
};

// Fails (returns false) when the head size is over 128.
template <class T>
bool varlen_attention(const AttentionArgs& a, cudaStream_t s);

}  // namespace nsmlab::cuda
