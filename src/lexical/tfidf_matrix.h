// Hashed TF-IDF matrix of a set of texts, stored sparse and restricted to the hash
// buckets that occur (never n x 2^18 dense).
#pragma once
#include <Eigen/SparseCore>

#include <cstdint>
#include <string>
#include <vector>

#include "lexical/lexical_features.h"

namespace nsmlab {

struct TfidfOptions {
  LexicalFeatureOptions features;
  int hash_bits = 18;  // 2^18 buckets
};

struct TfidfMatrix {
  // n_texts x buckets.size(); rows L2-normalised (a text without features is a zero row).
  Eigen::SparseMatrix<double, Eigen::RowMajor> values;
  std::vector<uint32_t> buckets;  // column -> hash bucket, ascending
  std::vector<double> idf;        // column -> idf weight
};

// Weighting, per text:
//   term frequency: sublinear, 1 + ln(count) per distinct feature;
//   hashing: each feature adds sign * tf to its bucket (buckets that cancel to 0 are dropped);
//   idf (fitted on these texts, smooth as in scikit-learn): ln((1 + n) / (1 + df)) + 1,
//     df = number of texts whose bucket is non-zero;
//   then each row is scaled to unit L2 norm.
TfidfMatrix build_tfidf_matrix(const std::vector<std::string>& texts, const TfidfOptions& options);

}  // namespace nsmlab
