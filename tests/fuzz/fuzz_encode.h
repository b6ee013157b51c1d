// The tokenizer-on-random-text targets: a fixed tokenizer of one kind, the input is the
// text. The first byte picks the truncation length (0: none) and whether special tokens
// are added; the rest must be valid UTF-8, as every reader of texts guarantees
// (text input and JSON both reject invalid UTF-8 before a tokenizer sees it).
#pragma once
#include "fuzz_support.h"
#include "tokenizer/tokenizer.h"
#include "util/utf8.h"

namespace nsmlab::fuzz {

inline int encode_one(const Tokenizer& t, const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t max_length = data[0] & 0x3F;
  const bool add_special = (data[0] & 0x80) == 0;
  std::string_view text = as_view(data + 1, size - 1);
  if (!is_valid_utf8(text)) return -1;  // not kept in the corpus
  expect_clean_errors([&] {
    Encoding e = t.encode(text, max_length, add_special);
    if (max_length > 0 && e.ids.size() > max_length) {
      std::fprintf(stderr, "\n*** encode(max_length=%zu) gave %zu ids\n", max_length, e.ids.size());
      std::abort();
    }
    if (e.ids.size() != e.tokens.size() || e.ids.size() != e.type_ids.size()) {
      std::fprintf(stderr, "\n*** ids, tokens and type_ids differ in length\n");
      std::abort();
    }
    for (int32_t id : e.ids)
      if (id < 0 || static_cast<size_t>(id) >= t.vocab_size() + 1024) {  // added tokens may sit past the model's vocab
        std::fprintf(stderr, "\n*** id %d outside the vocabulary (%zu)\n", id, t.vocab_size());
        std::abort();
      }
  });
  return 0;
}

}  // namespace nsmlab::fuzz
