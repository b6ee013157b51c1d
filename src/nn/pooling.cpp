#include "nn/pooling.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace nsmlab {

Matrix pool_tokens(const float* hidden, size_t H, const PackedBatch& tokens,
                   const PoolingConfig& cfg) {
  Matrix out(tokens.sequences(), cfg.mode_count() * H);
  const long n = static_cast<long>(tokens.sequences());
#pragma omp parallel for schedule(static) if (n > 8)
  for (long bl = 0; bl < n; ++bl) {
    const size_t b = static_cast<size_t>(bl);
    const size_t begin = tokens.offset[b], end = tokens.offset[b + 1];
    const int32_t skip = (!cfg.include_prompt && !tokens.prompt_len.empty()) ? tokens.prompt_len[b] : 0;
    auto pooled = [&](size_t t) { return tokens.column[t] >= skip; };
    float* dst = out.row(b);
    size_t slot = 0;
    auto next = [&]() { return dst + (slot++) * H; };

    if (cfg.cls) {
      float* o = next();
      if (begin < end) std::copy(hidden + begin * H, hidden + (begin + 1) * H, o);
    }
    if (cfg.max) {
      float* o = next();
      std::fill(o, o + H, -1e9f);  // sentence-transformers' value for masked tokens
      for (size_t t = begin; t < end; ++t)
        if (pooled(t))
          for (size_t i = 0; i < H; ++i) o[i] = std::max(o[i], hidden[t * H + i]);
    }
    if (cfg.mean || cfg.mean_sqrt_len) {
      std::vector<double> sum(H, 0.0);
      double count = 0;
      for (size_t t = begin; t < end; ++t)
        if (pooled(t)) {
          for (size_t i = 0; i < H; ++i) sum[i] += hidden[t * H + i];
          count += 1;
        }
      count = std::max(count, 1e-9);
      if (cfg.mean) {
        float* o = next();
        for (size_t i = 0; i < H; ++i) o[i] = static_cast<float>(sum[i] / count);
      }
      if (cfg.mean_sqrt_len) {
        float* o = next();
        const double r = std::sqrt(count);
        for (size_t i = 0; i < H; ++i) o[i] = static_cast<float>(sum[i] / r);
      }
    }
    if (cfg.weighted_mean) {
      std::vector<double> sum(H, 0.0);
      double weight = 0;
      for (size_t t = begin; t < end; ++t)
        if (pooled(t)) {
          const double w = tokens.column[t] + 1;  // weights 1..seq_len by position
          for (size_t i = 0; i < H; ++i) sum[i] += w * hidden[t * H + i];
          weight += w;
        }
      weight = std::max(weight, 1e-9);
      float* o = next();
      for (size_t i = 0; i < H; ++i) o[i] = static_cast<float>(sum[i] / weight);
    }
    if (cfg.last_token) {
      float* o = next();
      size_t pick = end;
      for (size_t t = end; t > begin; --t)
        if (pooled(t - 1)) {
          pick = t - 1;
          break;
        }
      if (pick == end && begin < end) pick = begin;
      if (pick < end) std::copy(hidden + pick * H, hidden + (pick + 1) * H, o);
    }
  }
  return out;
}

}  // namespace nsmlab
