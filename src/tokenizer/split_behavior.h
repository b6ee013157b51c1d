// HF's SplitDelimiterBehavior: how matched delimiters join the pieces around them.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "tokenizer/components.h"

namespace nsmlab::tok {

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };
SplitBehavior parse_behavior(const std::string& name, const Where& w);

// Splits `in` around the byte ranges `matches` (sorted, disjoint) and appends the
// non-empty pieces to `out`. With invert, the matches are the kept words instead.
void split_piece(const Piece& in, const std::vector<std::pair<size_t, size_t>>& matches, SplitBehavior b, bool invert,
                 std::vector<Piece>& out);

}  // namespace nsmlab::tok
