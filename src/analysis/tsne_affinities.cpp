#include <cmath>
#include <limits>

#include "analysis/tsne.h"
#include "util/error.h"

namespace nsmlab {
namespace {

// Conditional p_{j|i} for one row: Gaussian precision beta searched until the row's
// entropy is log(perplexity) (sklearn's _binary_search_perplexity).
void conditional_row(const Eigen::MatrixXd& D, Eigen::Index i, double log_perplexity, Eigen::MatrixXd& P) {
  const Eigen::Index n = D.rows();
  double beta = 1, beta_min = -INFINITY, beta_max = INFINITY;
  for (int step = 0; step < 100; ++step) {
    double sum = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      P(j, i) = j == i ? 0.0 : std::exp(-D(i, j) * beta);  // column i = row i of the result
      sum += P(j, i);
    }
    if (sum == 0) sum = 1e-8;
    double weighted = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      P(j, i) /= sum;
      weighted += D(i, j) * P(j, i);
    }
    const double diff = std::log(sum) + beta * weighted - log_perplexity;
    if (std::abs(diff) <= 1e-5) break;
    if (diff > 0) {  // too flat: sharpen
      beta_min = beta;
      beta = beta_max == INFINITY ? beta * 2 : (beta + beta_max) / 2;
    } else {
      beta_max = beta;
      beta = beta_min == -INFINITY ? beta / 2 : (beta + beta_min) / 2;
    }
  }
}

}  // namespace

Eigen::MatrixXd squared_euclidean_distances(const Eigen::MatrixXd& X) {
  const Eigen::Index n = X.rows();
  const Eigen::MatrixXd Xt = X.transpose();
  Eigen::MatrixXd D(n, n);
#pragma omp parallel for schedule(static) if (n * X.cols() > 200000)
  for (Eigen::Index i = 0; i < n; ++i) {
    D(i, i) = 0;
    for (Eigen::Index j = i + 1; j < n; ++j) D(i, j) = (Xt.col(i) - Xt.col(j)).squaredNorm();
  }
  D.triangularView<Eigen::StrictlyLower>() = D.transpose();
  return D;
}

Eigen::MatrixXd tsne_conditional_probabilities(const Eigen::MatrixXd& D, double perplexity) {
  const Eigen::Index n = D.rows();
  if (D.cols() != n) fail("tsne: distance matrix must be square, got {}x{}", n, D.cols());
  if (!(perplexity > 0)) fail("tsne: perplexity must be > 0, got {}", perplexity);
  Eigen::MatrixXd cond(n, n);  // column i holds p_{.|i}: each thread writes its own column
  const double target = std::log(perplexity);
#pragma omp parallel for schedule(static) if (n > 300)
  for (Eigen::Index i = 0; i < n; ++i) conditional_row(D, i, target, cond);
  cond.transposeInPlace();
  return cond;
}

Eigen::MatrixXd tsne_joint_probabilities(const Eigen::MatrixXd& D, double perplexity) {
  const Eigen::MatrixXd cond = tsne_conditional_probabilities(D, perplexity);
  Eigen::MatrixXd P = cond + cond.transpose();
  const double eps = std::numeric_limits<double>::epsilon();
  P /= std::max(P.sum(), eps);
  P = P.cwiseMax(eps);  // floor as sklearn, so log(P/Q) stays finite
  P.diagonal().setZero();
  return P;
}

}  // namespace nsmlab
