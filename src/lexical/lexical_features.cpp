#include "lexical/lexical_features.h"

#include "lexical/text_normalizer.h"
#include "util/error.h"
#include "util/utf8.h"

namespace nsmlab {

void for_each_lexical_feature(std::string_view text, const LexicalFeatureOptions& options,
                              const std::function<void(FeatureKind, std::string_view)>& emit) {
  if (options.ngram_min < 1 || options.ngram_max < options.ngram_min)
    fail("lexical encoder: ngram range [{}, {}] is invalid: expected 1 <= ngram_min <= ngram_max",
         options.ngram_min, options.ngram_max);
  const std::string normalized = normalize_lexical_text(text, options.strip_accents);
  std::string padded;
  std::vector<size_t> starts;  // byte offset of each code point of `padded`, plus the end
  for (const std::string& word : split_lexical_words(normalized)) {
    if (options.whole_words) emit(FeatureKind::kWord, word);
    padded = " " + word + " ";
    starts.clear();
    for (size_t i = 0; i < padded.size();) {
      starts.push_back(i);
      next_code_point(padded, i);
    }
    starts.push_back(padded.size());
    const size_t length = starts.size() - 1;  // in code points
    for (int n = options.ngram_min; n <= options.ngram_max; ++n) {
      if (static_cast<size_t>(n) > length) break;
      for (size_t i = 0; i + n <= length; ++i)
        emit(FeatureKind::kCharNgram, std::string_view(padded).substr(starts[i], starts[i + n] - starts[i]));
    }
  }
}

std::vector<std::pair<FeatureKind, std::string>> lexical_features(std::string_view text,
                                                                  const LexicalFeatureOptions& options) {
  std::vector<std::pair<FeatureKind, std::string>> out;
  for_each_lexical_feature(text, options, [&](FeatureKind kind, std::string_view s) { out.emplace_back(kind, std::string(s)); });
  return out;
}

}  // namespace nsmlab
