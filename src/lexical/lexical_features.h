// The features of one text for the lexical baseline: character n-grams of each word
// padded with spaces (" chat " -> " c", "ch", ..., " ch", ...), like scikit-learn's
// analyzer="char_wb", plus the whole words. Spaces mark word boundaries, so prefixes
// and suffixes are features of their own; n-grams never cross words.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexical/feature_hashing.h"

namespace nsmlab {

struct LexicalFeatureOptions {
  int ngram_min = 2;
  int ngram_max = 4;
  bool strip_accents = true;
  bool whole_words = true;
};

// Calls `emit` once per feature occurrence of `text` (normalised first). For a padded
// word shorter than n, the n-grams of that n are skipped: the padded word itself is
// already the longest n-gram that fits.
void for_each_lexical_feature(std::string_view text, const LexicalFeatureOptions& options,
                              const std::function<void(FeatureKind, std::string_view)>& emit);

// The same, collected (for tests and debugging).
std::vector<std::pair<FeatureKind, std::string>> lexical_features(std::string_view text,
                                                                  const LexicalFeatureOptions& options);

}  // namespace nsmlab
