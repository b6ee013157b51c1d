#include "tokenizer/split_behavior.h"

namespace nsmlab::tok {

SplitBehavior parse_behavior(const std::string& n, const Where& w) {
  if (n == "Removed") return SplitBehavior::Removed;
  if (n == "Isolated") return SplitBehavior::Isolated;
  if (n == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
  if (n == "MergedWithNext") return SplitBehavior::MergedWithNext;
  if (n == "Contiguous") return SplitBehavior::Contiguous;
  w.fail_here("unknown split behavior '" + n + "'");
}

void split_piece(const Piece& in, const std::vector<std::pair<size_t, size_t>>& matches, SplitBehavior b, bool invert,
                 std::vector<Piece>& out) {
  struct Span { size_t s, e; bool m; };
  std::vector<Span> spans;
  spans.reserve(matches.size() * 2 + 1);
  size_t pos = 0;
  for (auto [s, e] : matches) {
    if (s > pos) spans.push_back({pos, s, invert});
    spans.push_back({s, e, !invert});
    pos = e;
  }
  if (pos < in.text.size()) spans.push_back({pos, in.text.size(), invert});

  std::vector<Span> res;
  res.reserve(spans.size());
  bool prev = false;
  switch (b) {
    case SplitBehavior::Removed:
      for (auto& sp : spans) if (!sp.m) res.push_back(sp);
      break;
    case SplitBehavior::Isolated:
      res = spans;
      break;
    case SplitBehavior::MergedWithPrevious:
      for (auto& sp : spans) {
        if (sp.m && !prev && !res.empty()) res.back().e = sp.e;
        else res.push_back(sp);
        prev = sp.m;
      }
      break;
    case SplitBehavior::MergedWithNext:
      for (size_t k = spans.size(); k-- > 0;) {
        auto& sp = spans[k];
        if (sp.m && !prev && !res.empty()) res.back().s = sp.s;
        else res.push_back(sp);
        prev = sp.m;
      }
      std::reverse(res.begin(), res.end());
      break;
    case SplitBehavior::Contiguous:
      for (auto& sp : spans) {
        if (sp.m == prev && !res.empty()) res.back().e = sp.e;
        else res.push_back(sp);
        prev = sp.m;
      }
      break;
  }
  for (auto& sp : res) {
    if (sp.e > sp.s) out.push_back({in.text.substr(sp.s, sp.e - sp.s), in.at_start && sp.s == 0});
  }
}

}  // namespace nsmlab::tok
