// Text normalisation for the lexical baseline: the same word written with another
// case, compatibility form or accent should produce the same features.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace nsmlab {

// NFKC + Unicode case folding (utf8proc); with strip_accents, combining marks are
// removed as well ("Vérité" -> "verite"). Throws nsmlab::Error on invalid UTF-8.
std::string normalize_lexical_text(std::string_view text, bool strip_accents);

// Splits normalised text into words: maximal runs of letters, marks and digits.
// Everything else (spaces, punctuation, apostrophes, hyphens) separates words.
std::vector<std::string> split_lexical_words(std::string_view normalized);

}  // namespace nsmlab
