// Shared helpers for the lexical tests.
#pragma once
#include <Eigen/Dense>

#include <fstream>
#include <string>
#include <vector>

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

}  // namespace nsmlab::testing
