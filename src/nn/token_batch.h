// Token ids as a tokenizer hands them over: a padded batch. pack_tokens turns it into the
// packed batch every backend computes on (backend/packed_batch.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "backend/packed_batch.h"

namespace nsmlab {

// Row-major batch x seq_len, padded with the pad id; mask 1 = real token.
// type_ids may be empty (all zero); prompt_len may be empty (no prompt) or hold one
// count per sequence (tokens at the start left out of pooling when include_prompt is false).
struct TokenBatch {
  size_t batch = 0, seq_len = 0;
  std::vector<int32_t> ids, type_ids;
  std::vector<uint8_t> mask;
  std::vector<int32_t> prompt_len;
};

// Checks the batch's sizes (errors name the field) and keeps its real tokens.
PackedBatch pack_tokens(const TokenBatch& batch);

}  // namespace nsmlab
