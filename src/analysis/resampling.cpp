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

double normal_quantile(double p) {
  if (!(p > 0 && p < 1)) fail("normal_quantile: p must be in (0, 1), got {}", p);
  // Bisection on the CDF 0.5 * erfc(-x / sqrt 2): 200 halvings reach double precision.
  double lo = -40, hi = 40;
  for (int i = 0; i < 200; ++i) {
    double mid = 0.5 * (lo + hi);
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {
void check_level(double level) {
  if (!(level > 0 && level < 1)) fail("jackknife: level must be in (0, 1), got {}", level);
}
}  // namespace

JackknifeResult jackknife(size_t n_items, double estimate, double level,
                          const std::function<double(const std::vector<size_t>&)>& stat) {
  if (n_items < 2) fail("jackknife: needs at least 2 items, got {}", n_items);
  check_level(level);  // before the n calls of `stat`
  std::vector<double> values;
  values.reserve(n_items);
  std::vector<size_t> indices(n_items - 1);
  for (size_t left_out = 0; left_out < n_items; ++left_out) {
    for (size_t i = 0, k = 0; i < n_items; ++i)
      if (i != left_out) indices[k++] = i;
    values.push_back(stat(indices));
  }
  return jackknife_from(values, estimate, level);
}

JackknifeResult jackknife_from(const std::vector<double>& leave_one_out, double estimate, double level) {
  if (leave_one_out.size() < 2) fail("jackknife: needs at least 2 items, got {}", leave_one_out.size());
  check_level(level);
  JackknifeResult r;
  for (double v : leave_one_out)
    if (!std::isnan(v)) r.leave_one_out.push_back(v);
  const size_t m = r.leave_one_out.size();
  if (m < 2) {
    r.interval = {std::nan(""), std::nan("")};
    r.standard_error = std::nan("");
    return r;
  }
  double mean = 0;
  for (double v : r.leave_one_out) mean += v;
  mean /= m;
  double ss = 0;
  for (double v : r.leave_one_out) ss += (v - mean) * (v - mean);
  r.standard_error = std::sqrt((m - 1.0) / m * ss);
  const double z = normal_quantile(0.5 + level / 2);
  r.interval = {estimate - z * r.standard_error, estimate + z * r.standard_error};
  return r;
}

}  // namespace nsmlab
