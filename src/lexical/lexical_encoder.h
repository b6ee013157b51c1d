// The weight-free baseline encoder: when no neural model is on the machine, the whole
// experiment pipeline still runs on it, and the report labels the results as such.
// Pipeline: normalise (NFKC, case fold, accents) -> char 2-4-grams + words -> signed
// feature hashing into 2^18 buckets -> sublinear TF x smooth IDF fitted on the texts of
// the encode() call -> L2 rows -> randomized truncated SVD (LSA) -> L2 rows.
#pragma once
#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/sentence_encoder.h"

namespace nsmlab {

struct LexicalOptions {
  size_t dimension = 256;
  int ngram_min = 2, ngram_max = 4;
  bool strip_accents = true;
  uint64_t seed = 42;
};

class LexicalEncoder : public SentenceEncoder {
 public:
  explicit LexicalEncoder(LexicalOptions options = {});

  std::string kind() const override { return "lexical"; }
  std::string describe() const override;
  size_t dimension() const override { return options_.dimension; }
  // One unit-norm row per text (a text with no letters or digits gives a zero row).
  // The IDF and the SVD are fitted on `texts`, so a row depends on the other texts of
  // the call. options.prompt is ignored: an instruction prefix for neural models would
  // only add the same n-grams to every text. Rows are always L2-normalised.
  Matrix encode(const std::vector<std::string>& texts, const EncodeOptions& options) override;

  // Singular values of the TF-IDF matrix found by the last encode() (descending;
  // min(dimension, texts, features) of them).
  const Eigen::VectorXd& last_singular_values() const { return last_singular_values_; }

  static constexpr int kHashBits = 18;
  static constexpr int kPowerIterations = 2;  // Halko et al.: 1-2 suffice in practice; 10k texts stay ~1 s
  static constexpr int kOversamples = 10;

 private:
  LexicalOptions options_;
  Eigen::VectorXd last_singular_values_;
};

}  // namespace nsmlab
