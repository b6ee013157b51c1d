#include "nn/relative_position.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace nsmlab {

int mpnet_relative_bucket(long relative_position, int num_buckets, int max_distance) {
  long n = -relative_position;  // query minus key
  const int half = num_buckets / 2;
  int bucket = n < 0 ? half : 0;
  n = std::labs(n);
  const int max_exact = half / 2;
  if (n < max_exact) return bucket + static_cast<int>(n);
  // Truncation toward zero, as the .to(long) cast does; double agrees with PyTorch's
  // float32 result for every distance (checked against a torch-generated table).
  const long large = max_exact + static_cast<long>(std::log(double(n) / max_exact) /
                                                   std::log(double(max_distance) / max_exact) * (half - max_exact));
  return bucket + static_cast<int>(std::min<long>(large, half - 1));
}

std::vector<float> mpnet_relative_bias(const float* bias_weight, size_t heads, size_t span) {
  const size_t width = 2 * span - 1;
  std::vector<float> table(heads * width);
  for (size_t r = 0; r < width; ++r) {
    const int bucket = mpnet_relative_bucket(static_cast<long>(r) - static_cast<long>(span - 1));
    for (size_t h = 0; h < heads; ++h) table[h * width + r] = bias_weight[bucket * heads + h];
  }
  return table;
}

}  // namespace nsmlab
