// Added/special tokens ([CLS], <mask>, ...) found in the text before the model sees it:
// non-normalized ones in the raw input, normalized ones in the normalized text.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/byte_trie.h"
#include "tokenizer/components.h"

namespace nsmlab::tok {

struct AddedToken {
  std::string content;
  int32_t id = 0;
  bool single_word = false, lstrip = false, rstrip = false, normalized = false, special = false;
};

// A stretch of text: either plain text (id < 0) or one added token.
struct Segment {
  size_t begin = 0, end = 0;  // byte range in the scanned text
  int32_t id = -1;
};

class AddedTokenMatcher {
 public:
  // `patterns[i]` is what is searched for token i (its content, normalized when the token is).
  AddedTokenMatcher(std::vector<AddedToken> tokens, std::vector<std::string> patterns);
  AddedTokenMatcher() = default;
  bool empty() const { return tokens_.empty(); }
  // Leftmost-longest, non-overlapping matches honouring single_word/lstrip/rstrip, like
  // HF's Aho-Corasick pass; covers all of text. O(text length x longest pattern).
  void split(std::string_view text, std::vector<Segment>& out) const;
  const AddedToken& token(size_t i) const { return tokens_[i]; }

 private:
  std::vector<AddedToken> tokens_;
  std::vector<std::string> patterns_;
  ByteTrie trie_;  // pattern -> index into tokens_
};

// Ids must lie below id_limit.
std::vector<AddedToken> parse_added_tokens(const Json& list, const Where& w, size_t id_limit);

}  // namespace nsmlab::tok
