#include "tokenizer/byte_trie.h"

#include <algorithm>

#include "util/error.h"

namespace nsmlab::tok {

ByteTrie::ByteTrie(std::vector<Entry> entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  // Breadth first with an explicit queue (no recursion, however long a key): node k
  // covers the sorted entries [lo, hi) that share their first `depth` bytes.
  struct Range {
    size_t lo, hi, depth;
  };
  std::vector<Range> ranges{{0, entries.size(), 0}};
  for (size_t k = 0; k < ranges.size(); ++k) {
    auto [lo, hi, depth] = ranges[k];
    if (edge_byte_.size() > UINT32_MAX - 256 || ranges.size() > INT32_MAX) throw Error("tokenizer vocabulary too large for its trie");
    first_edge_.push_back(static_cast<uint32_t>(edge_byte_.size()));
    value_.push_back(-1);
    if (lo < hi && entries[lo].key.size() == depth) value_.back() = entries[lo].value;  // sorted: the shortest comes first
    while (lo < hi && entries[lo].key.size() == depth) ++lo;
    while (lo < hi) {
      uint8_t b = static_cast<uint8_t>(entries[lo].key[depth]);
      size_t end = lo;
      while (end < hi && static_cast<uint8_t>(entries[end].key[depth]) == b) ++end;
      edge_byte_.push_back(b);
      edge_child_.push_back(static_cast<uint32_t>(ranges.size()));
      ranges.push_back({lo, end, depth + 1});
      lo = end;
    }
  }
  first_edge_.push_back(static_cast<uint32_t>(edge_byte_.size()));
}

bool ByteTrie::child(uint32_t node, uint8_t byte, uint32_t& next) const {
  auto b = edge_byte_.begin() + first_edge_[node], e = edge_byte_.begin() + first_edge_[node + 1];
  auto it = std::lower_bound(b, e, byte);
  if (it == e || *it != byte) return false;
  next = edge_child_[static_cast<size_t>(it - edge_byte_.begin())];
  return true;
}

}  // namespace nsmlab::tok
