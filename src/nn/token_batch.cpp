#include "nn/token_batch.h"

#include "util/error.h"

namespace nsmlab {

PackedTokens pack_tokens(const TokenBatch& b) {
  const size_t n = b.batch * b.seq_len;
  if (b.ids.size() != n) fail("TokenBatch: 'ids' has {} entries, expected batch*seq_len = {}", b.ids.size(), n);
  if (b.mask.size() != n) fail("TokenBatch: 'mask' has {} entries, expected batch*seq_len = {}", b.mask.size(), n);
  if (!b.type_ids.empty() && b.type_ids.size() != n)
    fail("TokenBatch: 'type_ids' has {} entries, expected 0 or batch*seq_len = {}", b.type_ids.size(), n);
  if (!b.prompt_len.empty() && b.prompt_len.size() != b.batch)
    fail("TokenBatch: 'prompt_len' has {} entries, expected 0 or batch = {}", b.prompt_len.size(), b.batch);
  PackedTokens p;
  p.offset.reserve(b.batch + 1);
  p.offset.push_back(0);
  for (size_t s = 0; s < b.batch; ++s) {
    for (size_t j = 0; j < b.seq_len; ++j)
      if (b.mask[s * b.seq_len + j]) p.column.push_back(static_cast<int32_t>(j));
    p.offset.push_back(p.column.size());
  }
  return p;
}

}  // namespace nsmlab
