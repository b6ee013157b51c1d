#include "analysis/leave_one_out.h"

#include <algorithm>
#include <limits>
#include <map>

#include "analysis/cluster_metrics.h"
#include "analysis/label_codes.h"
#include "util/error.h"

namespace nsmlab {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The smallest and second smallest mean distance from one item to the clusters other than
// its own, and the cluster of the smallest: leaving out an item of cluster c changes
// only c's mean, so the nearest other cluster is found in O(1) per left-out item.
struct NearestClusters {
  double first = kInf, second = kInf;
  size_t first_cluster = 0;
};

}  // namespace

std::vector<double> leave_one_out_silhouettes(const Eigen::MatrixXd& D, const std::vector<int>& labels) {
  const size_t n = labels.size();
  if (D.rows() != Eigen::Index(n) || D.cols() != Eigen::Index(n))
    fail("leave_one_out_silhouettes: {} labels for a {}x{} distance matrix", n, D.rows(), D.cols());
  if (n < 2) fail("leave_one_out_silhouettes: needs at least 2 items, got {}", n);
  const LabelCodes codes = encode_labels(labels);
  const size_t k = codes.values.size();
  const auto code = [&codes](size_t i) { return size_t(codes.codes[i]); };
  std::vector<double> sizes(k, 0.0);
  for (size_t i = 0; i < n; ++i) sizes[code(i)] += 1;

  // sums(c, i): summed distance from i to cluster c, added in item order as silhouette_score does.
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(Eigen::Index(k), Eigen::Index(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) sums(Eigen::Index(code(j)), Eigen::Index(i)) += D(Eigen::Index(i), Eigen::Index(j));
  std::vector<NearestClusters> nearest(n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t c = 0; c < k; ++c) {
      if (c == code(i)) continue;
      const double mean = sums(Eigen::Index(c), Eigen::Index(i)) / sizes[c];
      NearestClusters& nc = nearest[i];
      if (mean < nc.first) {
        nc.second = nc.first;
        nc.first = mean;
        nc.first_cluster = c;
      } else if (mean < nc.second) {
        nc.second = mean;
      }
    }
  }

  const double m = double(n - 1);  // items left
  std::vector<double> out(n, kNaN);
  for (size_t r = 0; r < n; ++r) {
    const size_t gone = code(r);                // the cluster that loses r
    const double gone_size = sizes[gone] - 1;   // its size without r (0: it disappears)
    const size_t distinct = k - (gone_size == 0 ? 1 : 0);
    if (distinct < 2 || double(distinct) > m - 1) continue;  // undefined, as in sklearn
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      if (i == r) continue;
      const size_t own = code(i);
      const double d_ir = D(Eigen::Index(i), Eigen::Index(r));
      double a, b;
      if (own == gone) {
        if (gone_size <= 1) continue;  // alone in its cluster: scores 0
        a = (sums(Eigen::Index(own), Eigen::Index(i)) - d_ir) / (gone_size - 1);
        b = nearest[i].first;  // r's cluster is i's own: the other clusters keep their means
      } else {
        if (sizes[own] <= 1) continue;
        a = sums(Eigen::Index(own), Eigen::Index(i)) / (sizes[own] - 1);
        b = nearest[i].first_cluster == gone ? nearest[i].second : nearest[i].first;
        if (gone_size > 0) b = std::min(b, (sums(Eigen::Index(gone), Eigen::Index(i)) - d_ir) / gone_size);
      }
      const double denom = std::max(a, b);
      if (denom > 0) total += (b - a) / denom;  // 0/0 (duplicates) counts as 0, like silhouette_score
    }
    out[r] = total / m;
  }
  return out;
}

std::vector<double> leave_one_out_purities(const std::vector<int>& truth, const std::vector<int>& pred) {
  require_same_length("leave_one_out_purities", truth, pred);
  const size_t n = truth.size();
  if (n < 2) fail("leave_one_out_purities: needs at least 2 items, got {}", n);
  std::map<std::pair<int, int>, double> by_cell;  // at most min(n, k^2) Hungarian solutions
  std::vector<int> t, p;
  std::vector<double> out(n);
  for (size_t r = 0; r < n; ++r) {
    auto [it, fresh] = by_cell.try_emplace({truth[r], pred[r]}, 0.0);
    if (fresh) {
      t = truth;
      p = pred;
      t.erase(t.begin() + std::ptrdiff_t(r));
      p.erase(p.begin() + std::ptrdiff_t(r));
      it->second = purity_hungarian(t, p);
    }
    out[r] = it->second;
  }
  return out;
}

}  // namespace nsmlab
