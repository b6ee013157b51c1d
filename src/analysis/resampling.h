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

// Jackknife over n items: `stat` gets every index but one, n times. For statistics of
// distances (silhouette) or of matches (purity) the bootstrap's duplicated items bias every
// resample upwards, so the interval can miss the estimate altogether; leaving one out never
// duplicates. Interval = estimate -/+ z * standard error (normal approximation).
struct JackknifeResult { std::vector<double> leave_one_out; double standard_error = 0; Interval interval; };
JackknifeResult jackknife(size_t n_items, double estimate, double level,
                          const std::function<double(const std::vector<size_t>&)>& stat);
// The same from the n leave-one-out values computed elsewhere (analysis/leave_one_out.h
// computes them all at once, far faster than n calls of a statistic). NaN values are dropped.
JackknifeResult jackknife_from(const std::vector<double>& leave_one_out, double estimate, double level);

// Quantile of the standard normal distribution (p in (0, 1)).
double normal_quantile(double p);

}  // namespace nsmlab
