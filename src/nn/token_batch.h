// Token ids as the tokenizer hands them over (a padded batch), and the packed form the
// encoder runs on: only real tokens, sequence after sequence, so padding costs nothing.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

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

struct PackedTokens {
  std::vector<size_t> offset;    // batch + 1 entries: sequence b is rows [offset[b], offset[b+1])
  std::vector<int32_t> column;   // per packed row: its column in the padded batch
  size_t total() const { return column.size(); }
  size_t length(size_t b) const { return offset[b + 1] - offset[b]; }
};

// Checks the batch's sizes (errors name the field) and lists its real tokens.
PackedTokens pack_tokens(const TokenBatch& batch);

}  // namespace nsmlab
