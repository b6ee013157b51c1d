#include "backend/packed_batch.h"

#include <algorithm>

#include "util/error.h"

namespace nsmlab {

size_t PackedBatch::longest() const {
  size_t n = 0;
  for (size_t b = 0; b < sequences(); ++b) n = std::max(n, length(b));
  return n;
}

void PackedBatch::add(const int32_t* token_ids, const int32_t* token_types, size_t n, int32_t prompt_tokens) {
  ids.insert(ids.end(), token_ids, token_ids + n);
  if (token_types) {
    type_ids.resize(ids.size() - n, 0);
    type_ids.insert(type_ids.end(), token_types, token_types + n);
  } else if (!type_ids.empty()) {
    type_ids.resize(ids.size(), 0);
  }
  for (size_t i = 0; i < n; ++i) column.push_back(static_cast<int32_t>(i));
  offset.push_back(ids.size());
  prompt_len.push_back(prompt_tokens);
}

void validate_packed_batch(const PackedBatch& b) {
  if (b.offset.empty() || b.offset.front() != 0) fail("PackedBatch: 'offset' must start with 0");
  for (size_t i = 1; i < b.offset.size(); ++i)
    if (b.offset[i] < b.offset[i - 1]) fail("PackedBatch: 'offset' decreases at entry {}", i);
  if (b.offset.back() != b.ids.size())
    fail("PackedBatch: 'offset' ends at {} but there are {} token ids", b.offset.back(), b.ids.size());
  if (b.column.size() != b.ids.size())
    fail("PackedBatch: 'column' has {} entries, expected one per token ({})", b.column.size(), b.ids.size());
  if (!b.type_ids.empty() && b.type_ids.size() != b.ids.size())
    fail("PackedBatch: 'type_ids' has {} entries, expected 0 or one per token ({})", b.type_ids.size(), b.ids.size());
  if (!b.prompt_len.empty() && b.prompt_len.size() != b.sequences())
    fail("PackedBatch: 'prompt_len' has {} entries, expected 0 or one per sequence ({})", b.prompt_len.size(),
         b.sequences());
  for (int32_t c : b.column)
    if (c < 0) fail("PackedBatch: negative column {}", c);
}

}  // namespace nsmlab
