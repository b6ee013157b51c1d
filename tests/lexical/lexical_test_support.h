// Shared helpers for the lexical tests.
#pragma once
#include <Eigen/Dense>

#include <fstream>
#include <string>
#include <vector>

#include "lexical/tfidf_matrix.h"
#include "util/matrix.h"

namespace nsmlab::testing {

inline std::vector<std::string> load_fixture_sentences() {
  std::ifstream in(std::string(NSMLAB_FIXTURES_DIR) + "/lexical/sentences_fr.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

inline double row_dot(const Matrix& m, size_t a, size_t b) {
  double s = 0;
  for (size_t j = 0; j < m.cols; ++j) s += double(m(a, j)) * m(b, j);
  return s;
}

// The singular values of the TF-IDF matrix by a dense one-sided Jacobi SVD: an independent
// reference for the randomized SVD. Defined once in lexical_test_support.cpp, because an Eigen
// SVD instantiated in every test file cost each of them half a minute of compilation.
Eigen::VectorXd dense_singular_values(const TfidfMatrix& m);

}  // namespace nsmlab::testing
