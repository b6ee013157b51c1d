// Everything a loaded tokenizer.json holds, immutable after load.
#pragma once
#include <memory>
#include <string>

#include "tokenizer/added_tokens.h"
#include "tokenizer/components.h"

namespace nsmlab::tok {

struct Pipeline {
  std::string path;
  std::unique_ptr<Normalizer> normalizer;      // may be null
  std::unique_ptr<PreTokenizer> pre_tokenizer; // may be null
  std::unique_ptr<Model> model;
  std::unique_ptr<PostProcessor> post;         // may be null
  std::vector<AddedToken> added;
  AddedTokenMatcher raw_matcher;         // tokens with normalized = false
  AddedTokenMatcher normalized_matcher;  // tokens with normalized = true, patterns normalized
  std::optional<int32_t> padding_id;
};

}  // namespace nsmlab::tok
