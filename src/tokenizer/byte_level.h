// GPT-2 byte-level pre-tokenization: the GPT-2 split pattern and the byte -> printable
// character map that lets BPE vocabularies hold arbitrary bytes.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tokenizer/components.h"

namespace nsmlab::tok {

// Byte ranges of the matches of
// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// (written by hand: RE2 has no lookahead).
std::vector<std::pair<size_t, size_t>> gpt2_split(std::string_view s);
// Each byte of s as its GPT-2 printable character.
std::string bytes_to_unicode(std::string_view s);

std::unique_ptr<PreTokenizer> make_byte_level(const Json& j, const Where& w);

}  // namespace nsmlab::tok
