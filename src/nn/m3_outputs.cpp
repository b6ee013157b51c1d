#include "nn/m3_outputs.h"

#include <algorithm>
#include <cmath>

namespace nsmlab {

std::map<int32_t, float> m3_lexical_weights(const float* hidden, const int32_t* ids, size_t n, const M3Heads& heads,
                                            const std::set<int32_t>& excluded_ids) {
  std::map<int32_t, float> out;
  const size_t H = heads.hidden;
  for (size_t t = 0; t < n; ++t) {
    if (excluded_ids.count(ids[t])) continue;
    double s = heads.sparse_bias;
    for (size_t k = 0; k < H; ++k) s += double(heads.sparse_weight[k]) * hidden[t * H + k];
    if (!(s > 0)) continue;  // relu, and FlagEmbedding keeps positive weights only (NaN fails too)
    const float w = static_cast<float>(s);
    auto [it, fresh] = out.emplace(ids[t], w);
    if (!fresh) it->second = std::max(it->second, w);
  }
  return out;
}

Matrix m3_colbert_vectors(const float* hidden, size_t n, const M3Heads& heads) {
  const size_t H = heads.hidden, D = heads.colbert_dim;
  Matrix out(n > 0 ? n - 1 : 0, D);
  std::vector<double> v(D);
  for (size_t t = 1; t < n; ++t) {
    double norm = 0;
    for (size_t d = 0; d < D; ++d) {
      double s = heads.colbert_bias[d];
      const float* w = heads.colbert_weight.data() + d * H;
      for (size_t k = 0; k < H; ++k) s += double(w[k]) * hidden[t * H + k];
      v[d] = s;
      norm += s * s;
    }
    const double scale = 1.0 / std::max(std::sqrt(norm), 1e-12);  // torch.nn.functional.normalize's eps
    for (size_t d = 0; d < D; ++d) out(t - 1, d) = static_cast<float>(v[d] * scale);
  }
  return out;
}

}  // namespace nsmlab
