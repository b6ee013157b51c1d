#include "lexical/text_normalizer.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "util/error.h"
#include "util/utf8.h"

namespace nsmlab {

std::string normalize_lexical_text(std::string_view text, bool strip_accents) {
  size_t bad = 0;
  if (!is_valid_utf8(text, &bad)) fail("lexical encoder: text is not valid UTF-8 (byte offset {})", bad);
  if (text.empty()) return {};
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
  // STRIPMARK drops the combining marks of the decomposed form before recomposing.
  if (strip_accents) flags |= UTF8PROC_STRIPMARK;
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &out,
                                    static_cast<utf8proc_option_t>(flags));
  if (n < 0) fail("lexical encoder: utf8proc could not normalise a text: {}", utf8proc_errmsg(n));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

static bool is_word_code_point(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> split_lexical_words(std::string_view normalized) {
  std::vector<std::string> words;
  std::string current;
  size_t i = 0;
  while (i < normalized.size()) {
    size_t start = i;
    char32_t cp = next_code_point(normalized, i);
    if (is_word_code_point(cp)) {
      current.append(normalized.substr(start, i - start));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

}  // namespace nsmlab
