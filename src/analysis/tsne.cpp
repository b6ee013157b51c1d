#include "analysis/tsne.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/pca.h"
#include "util/error.h"

namespace nsmlab {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

// Student-t kernel, KL(P||Q) and its gradient for the embedding Y (dims x n, one
// point per column). W is scratch space (n x n).
double kl_gradient(const Eigen::MatrixXd& P, const Eigen::MatrixXd& Y, double dof, bool want_error,
                   Eigen::MatrixXd& W, Eigen::MatrixXd& grad) {
  const Eigen::Index n = Y.cols();
  const double exponent = (dof + 1.0) / -2.0;
  const bool cauchy = dof == 1.0;  // the usual 2-D/1-D case: skip pow()
  double z = 0;
#pragma omp parallel for reduction(+ : z) schedule(static) if (n > 400)
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) {
      if (i == j) {
        W(i, j) = 0;
        continue;
      }
      const double d2 = (Y.col(i) - Y.col(j)).squaredNorm();
      const double w = cauchy ? 1.0 / (1.0 + d2) : std::pow(1.0 + d2 / dof, exponent);
      W(i, j) = w;
      z += w;
    }
  }
  const double c = 2.0 * (dof + 1.0) / dof;
  double kl = 0;
#pragma omp parallel for reduction(+ : kl) schedule(static) if (n > 400)
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::VectorXd g = Eigen::VectorXd::Zero(Y.rows());
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i == j) continue;
      const double q = std::max(W(j, i) / z, kEps);
      const double p = P(j, i);
      g += ((p - q) * W(j, i)) * (Y.col(i) - Y.col(j));
      if (want_error) kl += p * std::log(std::max(p, kEps) / q);
    }
    grad.col(i) = c * g;
  }
  return kl;
}

struct Phase { int first, end; double momentum; int patience; };

// sklearn's _gradient_descent: momentum, per-coordinate gains (delta-bar-delta),
// error checked every 50 iterations for stalls. Returns the last iteration index.
int descend(const Eigen::MatrixXd& P, Eigen::MatrixXd& Y, const Phase& phase, double learning_rate, double dof,
            double& error) {
  const Eigen::Index n = Y.cols();
  Eigen::MatrixXd update = Eigen::MatrixXd::Zero(Y.rows(), n), gains = Eigen::MatrixXd::Ones(Y.rows(), n);
  Eigen::MatrixXd grad(Y.rows(), n), W(n, n);
  double best_error = std::numeric_limits<double>::max();
  int best_iter = phase.first, i = phase.first;
  for (i = phase.first; i < phase.end; ++i) {
    const bool check = (i + 1) % 50 == 0;
    const double e = kl_gradient(P, Y, dof, check || i == phase.end - 1, W, grad);
    if (check || i == phase.end - 1) error = e;
    // Grow the step where the gradient keeps its direction, shrink it where it flips.
    gains = (update.array() * grad.array() < 0.0).select(gains.array() + 0.2, gains.array() * 0.8).max(0.01);
    grad.array() *= gains.array();
    update = phase.momentum * update - learning_rate * grad;
    Y += update;
    if (check) {
      if (e < best_error) {
        best_error = e;
        best_iter = i;
      } else if (i - best_iter > phase.patience) {
        break;
      }
      if (grad.norm() <= 1e-7) break;
    }
  }
  return std::min(i, phase.end - 1);
}

}  // namespace

Eigen::MatrixXd tsne(const Eigen::MatrixXd& X, const TsneOptions& opt) { return tsne(X, opt, nullptr); }

Eigen::MatrixXd tsne(const Eigen::MatrixXd& X, const TsneOptions& opt, TsneInfo* info) {
  const Eigen::Index n = X.rows();
  if (n < 2) fail("tsne: needs at least 2 samples, got {}", n);
  if (opt.dims < 1 || opt.dims > std::min(n, X.cols()))
    fail("tsne: dims must be between 1 and min(samples, features) = {}, got {}", std::min(n, X.cols()), opt.dims);
  if (!(opt.perplexity > 0)) fail("tsne: perplexity must be > 0, got {}", opt.perplexity);
  // Used as given, as scikit-learn does; like it, refuse a perplexity that needs more
  // neighbours than there are other samples.
  if (opt.perplexity >= double(n))
    fail("tsne: perplexity must be less than the number of samples ({}), got {} (scikit-learn refuses it too)", n,
         opt.perplexity);
  if (!(opt.early_exaggeration >= 1)) fail("tsne: early_exaggeration must be >= 1, got {}", opt.early_exaggeration);
  if (opt.max_iter < 1) fail("tsne: max_iter must be >= 1, got {}", opt.max_iter);
  if (!X.allFinite()) fail("tsne: the {}x{} data holds NaN or infinite values", n, X.cols());

  TsneInfo local;
  local.perplexity_used = opt.perplexity;
  local.learning_rate = std::max(double(n) / opt.early_exaggeration / 4.0, 50.0);
  Eigen::MatrixXd P = tsne_joint_probabilities(squared_euclidean_distances(X), local.perplexity_used);

  // PCA start, scaled so the first coordinate has standard deviation 1e-4.
  Eigen::MatrixXd Y = pca(X, opt.dims).scores.transpose();  // dims x n
  const Eigen::RowVectorXd first = Y.row(0);
  const double sd = std::sqrt((first.array() - first.mean()).square().mean());
  if (sd > 0) Y *= 1e-4 / sd;

  const double dof = std::max(opt.dims - 1, 1);
  const int exploration = 250;
  double error = 0;
  P *= opt.early_exaggeration;
  int it = descend(P, Y, {0, std::min(exploration, opt.max_iter), 0.5, exploration}, local.learning_rate, dof, error);
  P /= opt.early_exaggeration;
  if (it + 1 < opt.max_iter)
    it = descend(P, Y, {it + 1, opt.max_iter, 0.8, 300}, local.learning_rate, dof, error);
  local.kl_divergence = error;
  local.iterations = it + 1;
  if (info) *info = local;
  return Y.transpose();
}

}  // namespace nsmlab
