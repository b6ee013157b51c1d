// Character classes with the semantics of Rust's char methods, which HF tokenizers use.
#pragma once
#include <string>
#include <string_view>

namespace nsmlab::tok {

bool is_whitespace(char32_t c);     // Rust char::is_whitespace (Unicode White_Space)
bool is_control(char32_t c);        // BERT: category C* except \t \n \r
bool is_punctuation(char32_t c);    // BERT: ASCII punctuation or category P*
bool is_chinese_char(char32_t c);   // the CJK blocks BERT pads with spaces
bool is_letter(char32_t c);         // \p{L}
bool is_number(char32_t c);         // \p{N}
bool is_numeric(char32_t c);        // Rust char::is_numeric: Nd, Nl, No
bool is_word_char(char32_t c);      // regex \w: letters, marks, Nd, Pc
bool is_mark_nonspacing(char32_t c);
bool is_alphanumeric(char32_t c);
void append_lowercase(std::string& out, char32_t c);  // Rust char::to_lowercase (full mapping)

// Decodes UTF-8 without validation (inputs are validated once at encode()); never moves
// i past the end of s.
char32_t decode_at(std::string_view s, size_t& i);
inline size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4; }
// Length of the character at s[i], never past the end of s (i < s.size()).
inline size_t char_len(std::string_view s, size_t i) {
  size_t n = utf8_len(static_cast<unsigned char>(s[i]));
  return n < s.size() - i ? n : s.size() - i;
}

}  // namespace nsmlab::tok
