#include <algorithm>
#include <cmath>

#include "analysis/kmeans.h"

namespace nsmlab {
namespace {

Eigen::VectorXd squared_distances_to(const Eigen::MatrixXd& Xt, Eigen::Index point) {
  return (Xt.colwise() - Xt.col(point)).colwise().squaredNorm().transpose();
}

}  // namespace

std::vector<size_t> kmeans_plusplus(const Eigen::MatrixXd& Xt, int k, std::mt19937_64& rng) {
  const Eigen::Index n = Xt.cols();
  const int trials = 2 + int(std::log(double(k)));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<size_t> chosen;
  chosen.push_back(std::uniform_int_distribution<size_t>(0, size_t(n) - 1)(rng));
  Eigen::VectorXd closest = squared_distances_to(Xt, Eigen::Index(chosen[0]));
  double potential = closest.sum();

  std::vector<double> cumulative(static_cast<size_t>(n));
  for (int c = 1; c < k; ++c) {
    double running = 0;
    for (Eigen::Index i = 0; i < n; ++i) cumulative[size_t(i)] = running += closest[i];
    double best_potential = INFINITY;
    Eigen::Index best = 0;
    Eigen::VectorXd best_closest;
    for (int t = 0; t < trials; ++t) {
      // Sample proportionally to the squared distance to the nearest chosen center.
      const double target = unit(rng) * potential;
      Eigen::Index candidate = Eigen::Index(std::lower_bound(cumulative.begin(), cumulative.end(), target) - cumulative.begin());
      candidate = std::min(candidate, n - 1);  // rounding can overshoot the last bucket
      Eigen::VectorXd updated = closest.cwiseMin(squared_distances_to(Xt, candidate));
      const double pot = updated.sum();
      if (pot < best_potential) {  // first best wins on ties, like numpy.argmin
        best_potential = pot;
        best = candidate;
        best_closest = std::move(updated);
      }
    }
    chosen.push_back(size_t(best));
    closest = std::move(best_closest);
    potential = best_potential;
  }
  return chosen;
}

}  // namespace nsmlab
