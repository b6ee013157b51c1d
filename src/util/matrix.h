// A dense row-major float matrix: the currency between the encoders (one row per
// sentence) and the analyses. Deliberately plain so every module can use it.
#pragma once
#include <cstddef>
#include <vector>

namespace nsmlab {

struct Matrix {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<float> data;  // rows * cols, row-major

  Matrix() = default;
  Matrix(size_t r, size_t c) : rows(r), cols(c), data(r * c, 0.0f) {}
  float* row(size_t i) { return data.data() + i * cols; }
  const float* row(size_t i) const { return data.data() + i * cols; }
  float& operator()(size_t i, size_t j) { return data[i * cols + j]; }
  float operator()(size_t i, size_t j) const { return data[i * cols + j]; }
};

}  // namespace nsmlab
