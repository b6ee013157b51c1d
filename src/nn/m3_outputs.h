// bge-m3's sparse and multi-vector outputs from one sequence's last hidden state, as
// FlagEmbedding's BGEM3 inference computes them: lexical weights relu(sparse_linear(h_t)),
// the largest per token id, special tokens and non-positive weights left out; ColBERT
// vectors colbert_linear(h_t) for every token after CLS, each L2-normalised.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>

#include "model/m3_heads.h"
#include "util/matrix.h"

namespace nsmlab {

// hidden: [n, heads.hidden] for token ids[0..n).
std::map<int32_t, float> m3_lexical_weights(const float* hidden, const int32_t* ids, size_t n, const M3Heads& heads,
                                            const std::set<int32_t>& excluded_ids);

// [n - 1, colbert_dim] (no rows for an empty sequence).
Matrix m3_colbert_vectors(const float* hidden, size_t n, const M3Heads& heads);

}  // namespace nsmlab
