#include "analysis/resampling.h"

#include <cmath>

#include "util/error.h"

namespace nsmlab {

// Sequential on purpose: `draw` and `stat` are user callbacks that may not be
// thread-safe, and one generator consumed in order makes results exact for a seed.
PermutationResult permutation_test(double observed, int permutations, uint64_t seed,
                                   const std::function<double(std::mt19937_64&)>& draw, bool greater_is_extreme) {
  if (permutations < 0) fail("permutation_test: permutations must be >= 0, got {}", permutations);
  PermutationResult r;
  r.observed = observed;
  std::mt19937_64 rng(seed);
  long extreme = 0;
  double sum = 0;
  for (int i = 0; i < permutations; ++i) {
    const double v = draw(rng);
    if (std::isnan(v)) continue;
    ++r.permutations;
    sum += v;
    if (greater_is_extreme ? v >= observed : v <= observed) ++extreme;
  }
  r.p_value = double(1 + extreme) / double(1 + r.permutations);
  r.null_mean = r.permutations > 0 ? sum / r.permutations : std::nan("");
  return r;
}

BootstrapResult bootstrap(size_t n_items, int resamples, uint64_t seed, double level,
                          const std::function<double(const std::vector<size_t>&)>& stat) {
  if (resamples < 0) fail("bootstrap: resamples must be >= 0, got {}", resamples);
  if (n_items == 0) fail("bootstrap: no items to resample");
  BootstrapResult r;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, n_items - 1);
  std::vector<size_t> indices(n_items);
  for (int b = 0; b < resamples; ++b) {
    for (size_t& i : indices) i = pick(rng);
    const double v = stat(indices);
    if (!std::isnan(v)) r.samples.push_back(v);
  }
  r.interval = percentile_interval(r.samples, level);
  return r;
}

}  // namespace nsmlab
