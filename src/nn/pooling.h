// Sentence vectors from token vectors, as sentence-transformers' Pooling module computes
// them, on packed tokens (padding is already gone).
#pragma once
#include "model/sentence_modules.h"
#include "backend/packed_batch.h"
#include "util/matrix.h"

namespace nsmlab {

// hidden: [tokens.tokens(), hidden] row-major. One row per sequence, the enabled modes
// concatenated (cls, max, mean, mean_sqrt_len, weightedmean, lasttoken). With
// include_prompt false, columns before tokens.prompt_len[b] are left out (cls excepted).
Matrix pool_tokens(const float* hidden, size_t hidden_size, const PackedBatch& tokens, const PoolingConfig& config);

}  // namespace nsmlab
