// A compact read-only trie over byte strings: finds every key that is a prefix of a text
// in one walk, so tokenizers cost O(text length x longest key) instead of hashing every
// candidate substring (which is quadratic in the key length).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nsmlab::tok {

class ByteTrie {
 public:
  struct Entry {
    std::string_view key;
    int32_t value;
  };
  ByteTrie() = default;
  // Keys may repeat: the first entry with a given key wins. Keys are not kept.
  explicit ByteTrie(std::vector<Entry> entries);

  // Calls f(length, value) for every key that is a non-empty prefix of s, shortest first;
  // stops early when f returns false.
  template <typename F>
  void for_each_prefix(std::string_view s, F f) const {
    if (first_edge_.empty()) return;
    uint32_t node = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (!child(node, static_cast<uint8_t>(s[i]), node)) return;
      if (value_[node] >= 0 && !f(i + 1, value_[node])) return;
    }
  }
  // The longest non-empty key that is a prefix of s: its length (0 if none) and value.
  std::pair<size_t, int32_t> longest_prefix(std::string_view s) const {
    std::pair<size_t, int32_t> best{0, -1};
    for_each_prefix(s, [&](size_t len, int32_t v) {
      best = {len, v};
      return true;
    });
    return best;
  }
  bool empty() const { return edge_byte_.empty(); }  // no non-empty key

 private:
  bool child(uint32_t node, uint8_t byte, uint32_t& next) const;
  // Node k's edges are [first_edge_[k], first_edge_[k + 1]) in edge_byte_/edge_child_,
  // sorted by byte; value_[k] < 0 when no key ends at node k.
  std::vector<uint32_t> first_edge_;
  std::vector<int32_t> value_;
  std::vector<uint8_t> edge_byte_;
  std::vector<uint32_t> edge_child_;
};

}  // namespace nsmlab::tok
