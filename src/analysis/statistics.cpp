#include "analysis/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "util/error.h"

namespace nsmlab {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Linear interpolation on already sorted values (numpy's default method).
double sorted_percentile(const std::vector<double>& s, double q) {
  const double pos = q / 100.0 * double(s.size() - 1);
  const size_t lo = size_t(std::floor(pos));
  if (lo + 1 >= s.size()) return s.back();
  const double frac = pos - double(lo);
  return s[lo] + frac * (s[lo + 1] - s[lo]);
}
}  // namespace

double pearson_r(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  if (a.size() != b.size()) fail("pearson_r: vectors differ in length ({} and {})", a.size(), b.size());
  if (a.size() < 2) return kNaN;
  const Eigen::VectorXd da = a.array() - a.mean(), db = b.array() - b.mean();
  const double na = da.norm(), nb = db.norm();
  if (na == 0 || nb == 0 || !std::isfinite(na) || !std::isfinite(nb)) return kNaN;
  // Normalise before the dot product (as scipy does) so large values do not overflow.
  const double r = (da / na).dot(db / nb);
  return std::clamp(r, -1.0, 1.0);
}

double cosine_distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  if (a.size() != b.size()) fail("cosine_distance: vectors differ in length ({} and {})", a.size(), b.size());
  const double na = a.norm(), nb = b.norm();
  if (na == 0 || nb == 0) return kNaN;
  return 1.0 - std::clamp(a.dot(b) / (na * nb), -1.0, 1.0);
}

double percentile(std::vector<double> samples, double q) {
  if (!(q >= 0 && q <= 100)) fail("percentile: q must be within [0, 100], got {}", q);
  if (samples.empty()) return kNaN;
  std::sort(samples.begin(), samples.end());
  return sorted_percentile(samples, q);
}

Interval percentile_interval(std::vector<double> samples, double level) {
  if (!(level > 0 && level <= 1)) fail("percentile_interval: level must be within (0, 1], got {}", level);
  if (samples.empty()) return {kNaN, kNaN};
  std::sort(samples.begin(), samples.end());
  const double tail = (1.0 - level) / 2.0 * 100.0;
  return {sorted_percentile(samples, tail), sorted_percentile(samples, 100.0 - tail)};
}

}  // namespace nsmlab
