#include "lexical/lexical_encoder.h"

#include <fmt/format.h>

#include <cmath>

#include "lexical/randomized_svd.h"
#include "lexical/tfidf_matrix.h"
#include "util/error.h"

namespace nsmlab {

LexicalEncoder::LexicalEncoder(LexicalOptions options) : options_(options) {
  if (options_.dimension == 0) fail("lexical encoder: dimension must be > 0");
  if (options_.ngram_min < 1 || options_.ngram_max < options_.ngram_min)
    fail("lexical encoder: ngram range [{}, {}] is invalid: expected 1 <= ngram_min <= ngram_max",
         options_.ngram_min, options_.ngram_max);
}

std::string LexicalEncoder::describe() const {
  return fmt::format("lexical baseline: char {}-{}-gram hashing TF-IDF + SVD-{} (no neural model)",
                     options_.ngram_min, options_.ngram_max, options_.dimension);
}

Matrix LexicalEncoder::encode(const std::vector<std::string>& texts, const EncodeOptions& /*options*/) {
  TfidfOptions tfidf;
  tfidf.features.ngram_min = options_.ngram_min;
  tfidf.features.ngram_max = options_.ngram_max;
  tfidf.features.strip_accents = options_.strip_accents;
  tfidf.hash_bits = kHashBits;
  const TfidfMatrix x = build_tfidf_matrix(texts, tfidf);

  RandomizedSvdOptions svd;
  svd.components = static_cast<int>(options_.dimension);
  svd.oversamples = kOversamples;
  svd.power_iterations = kPowerIterations;
  svd.seed = options_.seed;
  const RandomizedSvdResult r = randomized_svd(x.values, svd);
  last_singular_values_ = r.S;

  // Scores U * S (what TruncatedSVD.transform gives); columns past the rank stay zero
  // so that the dimension does not depend on how many texts there are.
  Matrix out(texts.size(), options_.dimension);
  for (size_t i = 0; i < texts.size(); ++i) {
    double norm2 = 0;
    for (Eigen::Index j = 0; j < r.S.size(); ++j) {
      const double v = r.U(static_cast<Eigen::Index>(i), j) * r.S(j);
      norm2 += v * v;
    }
    const double scale = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
    float* row = out.row(i);
    for (Eigen::Index j = 0; j < r.S.size(); ++j)
      row[j] = static_cast<float>(r.U(static_cast<Eigen::Index>(i), j) * r.S(j) * scale);
  }
  return out;
}

}  // namespace nsmlab
