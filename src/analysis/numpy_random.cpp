#include "analysis/numpy_random.h"

#include <algorithm>

#include "util/error.h"

namespace nsmlab {

int64_t NumpyRandomState::randint(int64_t high) {
  if (high < 1 || high > (int64_t(1) << 32)) fail("randint: high must be in [1, 2^32], got {}", high);
  const uint64_t range = uint64_t(high - 1);
  if (range == 0) return 0;
  if (range == 0xFFFFFFFFull) return next_uint32();
  uint32_t mask = uint32_t(range);  // smallest all-ones mask covering the range
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  uint32_t v = 0;
  while ((v = next_uint32() & mask) > range) {
  }
  return v;
}

double NumpyRandomState::random_sample() {
  const uint32_t a = next_uint32() >> 5, b = next_uint32() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

int64_t NumpyRandomState::choice(const std::vector<double>& p) {
  if (p.empty()) fail("choice: needs at least one probability");
  std::vector<double> cdf(p.size());
  double running = 0;
  for (size_t i = 0; i < p.size(); ++i) cdf[i] = running += p[i];
  const double last = cdf.back();
  if (!(last > 0)) fail("choice: the probabilities must sum to a positive number, got {}", last);
  for (double& c : cdf) c /= last;
  const double u = random_sample();
  return int64_t(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
}

}  // namespace nsmlab
