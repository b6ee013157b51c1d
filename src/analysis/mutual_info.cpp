#include <cmath>
#include <limits>

#include "analysis/cluster_metrics.h"
#include "analysis/label_codes.h"

namespace nsmlab {
namespace {

double entropy_of_counts(const Eigen::VectorXd& counts) {
  const double total = counts.sum();
  double h = 0;
  for (Eigen::Index i = 0; i < counts.size(); ++i)
    if (counts[i] > 0) h -= (counts[i] / total) * (std::log(counts[i]) - std::log(total));
  return h;
}

}  // namespace

double normalized_mutual_info(const std::vector<int>& truth, const std::vector<int>& pred) {
  require_same_length("normalized_mutual_info", truth, pred);
  const Eigen::MatrixXd c = contingency_matrix(truth, pred).cast<double>();
  // Both unsplit (or empty): a perfect match by convention (sklearn).
  if (c.rows() == c.cols() && c.rows() <= 1) return 1.0;
  const Eigen::VectorXd pi = c.rowwise().sum(), pj = c.colwise().sum().transpose();
  if (pi.size() == 1 || pj.size() == 1) return 0.0;  // one side unsplit: no information shared
  const double total = c.sum(), eps = std::numeric_limits<double>::epsilon();
  double mi = 0;
  for (Eigen::Index i = 0; i < c.rows(); ++i)
    for (Eigen::Index j = 0; j < c.cols(); ++j) {
      if (c(i, j) <= 0) continue;
      const double p = c(i, j) / total;
      const double term = p * (std::log(c(i, j)) - std::log(total)) +
                          p * (-std::log(pi[i] * pj[j]) + std::log(pi.sum()) + std::log(pj.sum()));
      if (std::abs(term) >= eps) mi += term;  // sklearn zeroes terms below machine epsilon
    }
  mi = std::max(mi, 0.0);
  if (mi == 0) return 0.0;
  const double normalizer = 0.5 * (entropy_of_counts(pi) + entropy_of_counts(pj));
  return mi / normalizer;
}

}  // namespace nsmlab
