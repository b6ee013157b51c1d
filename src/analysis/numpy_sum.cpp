#include "analysis/numpy_sum.h"

namespace nsmlab {

float numpy_pairwise_sum(const float* a, size_t n) {
  constexpr size_t kBlock = 128;
  if (n < 8) {
    float res = 0;
    for (size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= kBlock) {
    float r[8];
    for (size_t j = 0; j < 8; ++j) r[j] = a[j];
    size_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (size_t j = 0; j < 8; ++j) r[j] += a[i + j];
    float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  size_t half = n / 2;
  half -= half % 8;  // split on a multiple of the unroll factor, as numpy does
  return numpy_pairwise_sum(a, half) + numpy_pairwise_sum(a + half, n - half);
}

float numpy_einsum_squared_norm(const float* a, size_t n) {
  float lanes[4] = {0, 0, 0, 0};
  size_t i = 0;
  for (; n - i >= 16; i += 16) {
    for (size_t l = 0; l < 4; ++l) {
      float acc = a[i + 12 + l] * a[i + 12 + l] + lanes[l];
      acc = a[i + 8 + l] * a[i + 8 + l] + acc;
      acc = a[i + 4 + l] * a[i + 4 + l] + acc;
      lanes[l] = a[i + l] * a[i + l] + acc;
    }
  }
  for (; i < n; i += 4) {  // the tail, zero-padded to a full vector
    for (size_t l = 0; l < 4; ++l) {
      const float v = i + l < n ? a[i + l] : 0.0f;
      lanes[l] = v * v + lanes[l];
    }
  }
  return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
}

}  // namespace nsmlab
