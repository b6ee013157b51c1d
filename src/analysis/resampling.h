// Permutation tests and bootstrap confidence intervals, deterministic for a seed.
#pragma once
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include "analysis/statistics.h"

namespace nsmlab {

// p-value of an observed statistic against a null made by `draw` (one resampled statistic per call):
// p = (1 + #{null >= observed}) / (1 + n) when greater_is_extreme, else with <=.
// NaN draws are dropped: `permutations` reports how many null draws counted.
struct PermutationResult { double observed = 0, p_value = 1; int permutations = 0; double null_mean = 0; };
PermutationResult permutation_test(double observed, int permutations, uint64_t seed,
                                   const std::function<double(std::mt19937_64&)>& draw, bool greater_is_extreme = true);

// Bootstrap over n items: `stat` gets resampled indices (with replacement). NaN statistics are dropped.
struct BootstrapResult { std::vector<double> samples; Interval interval; };
BootstrapResult bootstrap(size_t n_items, int resamples, uint64_t seed, double level,
                          const std::function<double(const std::vector<size_t>&)>& stat);

}  // namespace nsmlab
