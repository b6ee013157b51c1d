// The one input every backend computes on: the real tokens of a batch of sequences, one
// after another, with no padding (text-embeddings-inference's packed batch). Sequence b is
// tokens [offset[b], offset[b+1]); column[t] is the token's position in its sequence.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace nsmlab {

struct PackedBatch {
  std::vector<int32_t> ids;         // one per token
  std::vector<int32_t> type_ids;    // one per token, or empty (all 0)
  std::vector<int32_t> column;      // one per token: its position in the sequence (0-based)
  std::vector<size_t> offset{0};    // sequences + 1 entries, starting at 0
  std::vector<int32_t> prompt_len;  // empty, or one per sequence: leading tokens pooling may skip

  size_t sequences() const { return offset.size() - 1; }
  size_t tokens() const { return ids.size(); }
  size_t length(size_t b) const { return offset[b + 1] - offset[b]; }
  size_t longest() const;

  // Appends one sequence (columns 0..n-1).
  void add(const int32_t* ids, const int32_t* type_ids, size_t n, int32_t prompt_tokens = 0);
};

// Checks the sizes agree (offset monotonic and ending at tokens(), one column and type id per
// token, one prompt length per sequence); errors name the field.
void validate_packed_batch(const PackedBatch& b);

}  // namespace nsmlab
