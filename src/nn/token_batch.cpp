#include "nn/token_batch.h"

#include "util/error.h"

namespace nsmlab {

PackedBatch pack_tokens(const TokenBatch& b) {
  const size_t n = b.batch * b.seq_len;
  if (b.ids.size() != n) fail("TokenBatch: 'ids' has {} entries, expected batch*seq_len = {}", b.ids.size(), n);
  if (b.mask.size() != n) fail("TokenBatch: 'mask' has {} entries, expected batch*seq_len = {}", b.mask.size(), n);
  if (!b.type_ids.empty() && b.type_ids.size() != n)
    fail("TokenBatch: 'type_ids' has {} entries, expected 0 or batch*seq_len = {}", b.type_ids.size(), n);
  if (!b.prompt_len.empty() && b.prompt_len.size() != b.batch)
    fail("TokenBatch: 'prompt_len' has {} entries, expected 0 or batch = {}", b.prompt_len.size(), b.batch);
  PackedBatch p;
  p.prompt_len = b.prompt_len;
  for (size_t s = 0; s < b.batch; ++s) {
    for (size_t j = 0; j < b.seq_len; ++j) {
      const size_t at = s * b.seq_len + j;
      if (!b.mask[at]) continue;
      p.ids.push_back(b.ids[at]);
      if (!b.type_ids.empty()) p.type_ids.push_back(b.type_ids[at]);
      p.column.push_back(static_cast<int32_t>(j));
    }
    p.offset.push_back(p.ids.size());
  }
  return p;
}

}  // namespace nsmlab
