#include <algorithm>
#include <numeric>
#include <vector>

#include "analysis/tsne.h"
#include "util/error.h"
#include "util/parallel_errors.h"

namespace nsmlab {

double trustworthiness(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, int k) {
  const Eigen::Index n = X.rows();
  if (Y.rows() != n) fail("trustworthiness: data has {} rows but the embedding has {}", n, Y.rows());
  if (k < 1 || 2.0 * k >= double(n)) fail("trustworthiness: n_neighbors must be >= 1 and < n/2 = {}, got {}", n / 2.0, k);
  const Eigen::MatrixXd dx = squared_euclidean_distances(X), dy = squared_euclidean_distances(Y);
  double penalty = 0;
  ParallelErrors errors;  // std::bad_alloc must not leave the parallel region
#pragma omp parallel for reduction(+ : penalty) schedule(static) if (n > 500)
  for (Eigen::Index i = 0; i < n; ++i) {
    errors.capture(size_t(i), [&] {
      std::vector<Eigen::Index> order(static_cast<size_t>(n));
      std::iota(order.begin(), order.end(), 0);
      // Input-space rank of every other sample (1 = nearest); self sorts last.
      auto by = [&](const Eigen::MatrixXd& d) {
        return [&, i](Eigen::Index a, Eigen::Index b) {
          if ((a == i) != (b == i)) return b == i;
          return d(i, a) < d(i, b) || (d(i, a) == d(i, b) && a < b);
        };
      };
      std::sort(order.begin(), order.end(), by(dx));
      std::vector<long> rank(static_cast<size_t>(n));
      for (Eigen::Index r = 0; r < n; ++r) rank[size_t(order[size_t(r)])] = r + 1;
      std::partial_sort(order.begin(), order.begin() + k, order.end(), by(dy));
      for (int m = 0; m < k; ++m) penalty += double(std::max(0L, rank[size_t(order[size_t(m)])] - k));
    });
  }
  errors.rethrow();
  const double nn = double(n), kk = double(k);
  return 1.0 - penalty * (2.0 / (nn * kk * (2.0 * nn - 3.0 * kk - 1.0)));
}

}  // namespace nsmlab
