#include "nn/attention.h"

#include <dnnl.hpp>

#include <atomic>
#include <cmath>
#include <vector>

#include "cpu/isa.h"
#include "nn/kernels.h"
#include "util/error.h"

namespace nsmlab {

void packed_attention(const float* qkv, size_t hidden, size_t heads, const PackedBatch& tokens,
                      const RelativeBias& bias, float* out) {
  cpu::isa_choice();  // oneDNN capped (NSMLAB_CPU_ISA) before its sgemm's first use
  const size_t d = hidden / heads;
  const auto ld = static_cast<dnnl_dim_t>(3 * hidden);
  const float scale = static_cast<float>(1.0 / std::sqrt(double(d)));
  const size_t batch = tokens.sequences();
  const long tasks = static_cast<long>(batch * heads);
  const size_t bias_row = bias.values ? 2 * bias.span - 1 : 0;
  std::atomic<bool> failed{false};  // set by any thread whose sgemm fails

#pragma omp parallel
  {
    std::vector<float> scores;  // per thread: one [L, L] score matrix
    // Inside this parallel region oneDNN's sgemm runs single-threaded: the parallelism is
    // over (sequence, head) pairs, which keeps every core busy even for short sequences.
#pragma omp for schedule(dynamic)
    for (long task = 0; task < tasks; ++task) {
      const size_t b = static_cast<size_t>(task) / heads, h = static_cast<size_t>(task) % heads;
      const size_t L = tokens.length(b), base = tokens.offset[b];
      if (L == 0) continue;
      const auto n = static_cast<dnnl_dim_t>(L), dd = static_cast<dnnl_dim_t>(d);
      scores.resize(L * L);
      const float* q = qkv + base * ld + h * d;
      const float* k = q + hidden;
      const float* v = q + 2 * hidden;
      // scores = scale * Q K^T, read in place from the fused QKV rows.
      if (dnnl_sgemm('N', 'T', n, n, dd, scale, q, ld, k, ld, 0.f, scores.data(), n) != dnnl_success) {
        failed = true;
        continue;
      }
      const int32_t* col = tokens.column.data() + base;
      for (size_t i = 0; i < L; ++i) {
        float* s = scores.data() + i * L;
        if (bias.values) {
          const float* hq = bias.values + h * bias_row + (bias.span - 1) - col[i];
          for (size_t j = 0; j < L; ++j) s[j] += hq[col[j]];
        }
        softmax_inplace(s, L);
      }
      // context rows of this head = P V, written straight into [tokens, hidden].
      if (dnnl_sgemm('N', 'N', n, dd, n, 1.f, scores.data(), n, v, ld, 0.f, out + base * hidden + h * d,
                     static_cast<dnnl_dim_t>(hidden)) != dnnl_success)
        failed = true;
    }
  }
  if (failed) fail("internal error: oneDNN sgemm failed in attention");
}

}  // namespace nsmlab
