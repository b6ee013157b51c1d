#include "nn/kernels.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>

namespace nsmlab {

void layer_norm_rows(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps) {
#pragma omp parallel for schedule(static) if (rows * n > 16384)
  for (size_t r = 0; r < rows; ++r) {
    float* v = x + r * n;
    // Two passes in double: the mean is removed before squaring, so no cancellation.
    double sum = 0;
#pragma omp simd reduction(+ : sum)
    for (size_t i = 0; i < n; ++i) sum += v[i];
    const float mean = static_cast<float>(sum / double(n));
    double sq = 0;
#pragma omp simd reduction(+ : sq)
    for (size_t i = 0; i < n; ++i) {
      const float d = v[i] - mean;
      sq += double(d) * d;
    }
    const float inv = static_cast<float>(1.0 / std::sqrt(sq / double(n) + double(eps)));
#pragma omp simd
    for (size_t i = 0; i < n; ++i) v[i] = (v[i] - mean) * inv * gamma[i] + beta[i];
  }
}

void l2_normalize_rows(float* x, size_t rows, size_t n) {
  for (size_t r = 0; r < rows; ++r) {
    float* v = x + r * n;
    double sq = 0;
    for (size_t i = 0; i < n; ++i) sq += double(v[i]) * v[i];
    const float inv = static_cast<float>(1.0 / std::max(std::sqrt(sq), 1e-12));
    for (size_t i = 0; i < n; ++i) v[i] *= inv;
  }
}

namespace {

// exp for x <= 0 (softmax after the max is subtracted), written so the loop vectorises:
// Cody-Waite range reduction and the Cephes expf polynomial (about 1 ulp).
inline float exp_nonpositive(float x) {
  x = std::max(x, -87.0f);
  const float n = std::floor(x * 1.44269504088896341f + 0.5f);
  float r = x - n * 0.693359375f;
  r -= n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  return y * std::bit_cast<float>((static_cast<int32_t>(n) + 127) << 23);
}

}  // namespace

void softmax_inplace(float* x, size_t n) {
  if (n == 0) return;
  float m = x[0];
  for (size_t i = 1; i < n; ++i) m = std::max(m, x[i]);
  float sum = 0;
#pragma omp simd reduction(+ : sum)
  for (size_t i = 0; i < n; ++i) {
    x[i] = exp_nonpositive(x[i] - m);
    sum += x[i];
  }
  const float inv = 1.f / sum;
#pragma omp simd
  for (size_t i = 0; i < n; ++i) x[i] *= inv;
}

}  // namespace nsmlab
