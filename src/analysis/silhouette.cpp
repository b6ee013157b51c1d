#include <algorithm>
#include <limits>

#include "analysis/cluster_metrics.h"
#include "analysis/label_codes.h"
#include "analysis/tsne.h"
#include "util/error.h"
#include "util/parallel_errors.h"

namespace nsmlab {

Eigen::MatrixXd euclidean_distances(const Eigen::MatrixXd& X) { return squared_euclidean_distances(X).cwiseSqrt(); }

double silhouette_score_precomputed(const Eigen::MatrixXd& D, const std::vector<int>& labels) {
  const size_t n = labels.size();
  if (D.rows() != Eigen::Index(n) || D.cols() != Eigen::Index(n))
    fail("silhouette_score: {} labels for a {}x{} distance matrix", n, D.rows(), D.cols());
  const LabelCodes codes = encode_labels(labels);
  const size_t k = codes.values.size();
  if (k < 2 || k > n - 1)
    fail("silhouette_score: needs between 2 and n-1 = {} distinct labels, got {}", n - 1, k);
  std::vector<double> sizes(k, 0.0);
  for (int c : codes.codes) sizes[size_t(c)] += 1;

  double total = 0;
  ParallelErrors errors;  // std::bad_alloc must not leave the parallel region
#pragma omp parallel for reduction(+ : total) schedule(static) if (n > 500)
  for (size_t i = 0; i < n; ++i) {
    errors.capture(i, [&] {
      std::vector<double> sums(k, 0.0);  // summed distance from i to each cluster
      for (size_t j = 0; j < n; ++j) sums[size_t(codes.codes[j])] += D(Eigen::Index(i), Eigen::Index(j));
      const size_t own = size_t(codes.codes[i]);
      if (sizes[own] <= 1) return;  // alone in its cluster: scores 0 (sklearn)
      const double a = sums[own] / (sizes[own] - 1);
      double b = std::numeric_limits<double>::infinity();
      for (size_t c = 0; c < k; ++c)
        if (c != own) b = std::min(b, sums[c] / sizes[c]);
      const double denom = std::max(a, b);
      if (denom > 0) total += (b - a) / denom;  // 0/0 (duplicates) counts as 0, like nan_to_num
    });
  }
  errors.rethrow();
  return total / double(n);
}

double silhouette_score(const Eigen::MatrixXd& X, const std::vector<int>& labels) {
  if (X.rows() != Eigen::Index(labels.size()))
    fail("silhouette_score: {} labels for {} rows of data", labels.size(), X.rows());
  return silhouette_score_precomputed(euclidean_distances(X), labels);
}

}  // namespace nsmlab
