#include "nn/attention.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "nn/kernels.h"

namespace nsmlab {

void packed_attention(const float* qkv, size_t hidden, size_t heads, const PackedBatch& tokens,
                      const RelativeBias& bias, float* out) {
  const size_t d = hidden / heads;
  const size_t ld = 3 * hidden;
  const float scale = static_cast<float>(1.0 / std::sqrt(double(d)));
  const long sequences = static_cast<long>(tokens.sequences());
  const size_t bias_row = bias.values ? 2 * bias.span - 1 : 0;

  // One task per sequence, its heads one after another: the sequence's rows of qkv are then
  // read as one contiguous block (a task per (sequence, head) read 256-byte pieces 9 KB apart,
  // which left the kernel waiting on memory).
#pragma omp parallel
  {
    std::vector<float> scratch;  // per thread: the head kernel's transposed keys and scores
#pragma omp for schedule(dynamic)
    for (long b = 0; b < sequences; ++b) {
      const size_t L = tokens.length(size_t(b)), base = tokens.offset[size_t(b)];
      if (L == 0) continue;
      scratch.resize(std::max(scratch.size(), attention_scratch_floats(L, d)));
      // Each head reads 256 bytes of every row; ask for the whole block at once so that the
      // memory system streams it instead of missing row by row.
      const char* first = reinterpret_cast<const char*>(qkv + base * ld);
      const size_t bytes = L * ld * sizeof(float);
      for (size_t at = 0; at < bytes; at += 64) __builtin_prefetch(first + at, 0, 2);
      for (size_t h = 0; h < heads; ++h) {
        const float* q = qkv + base * ld + h * d;
        attention_head(q, q + hidden, q + 2 * hidden, ld, L, d, scale,
                       bias.values ? bias.values + h * bias_row : nullptr, tokens.column.data() + base, bias.span,
                       out + base * hidden + h * d, hidden, scratch.data());
      }
    }
  }
}

}  // namespace nsmlab
