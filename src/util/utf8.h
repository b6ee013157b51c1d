// UTF-8 validation and decoding shared by input readers and tokenizers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nsmlab {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
// On failure, *bad_offset receives the byte offset of the first bad sequence.
bool is_valid_utf8(std::string_view s, size_t* bad_offset = nullptr);

// Decodes the code point at s[i] (s must be valid) and advances i.
char32_t next_code_point(std::string_view s, size_t& i);

void append_utf8(std::string& out, char32_t cp);

}  // namespace nsmlab
