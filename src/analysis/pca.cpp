#include "analysis/pca.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace nsmlab {

PcaResult pca(const Eigen::MatrixXd& X, int n_components) {
  const Eigen::Index n = X.rows(), d = X.cols();
  if (n < 2) fail("pca: needs at least 2 rows of data, got {}", n);
  if (n_components < 1 || n_components > std::min(n, d))
    fail("pca: n_components must be between 1 and min(rows, cols) = {}, got {}", std::min(n, d), n_components);
  if (!X.allFinite()) fail("pca: the {}x{} data holds NaN or infinite values", n, d);

  PcaResult r;
  r.mean = X.colwise().mean();
  const Eigen::MatrixXd centred = X.rowwise() - r.mean;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinU | Eigen::ComputeThinV);
  Eigen::MatrixXd U = svd.matrixU();
  Eigen::MatrixXd V = svd.matrixV();
  const Eigen::VectorXd& S = svd.singularValues();  // descending

  // SVD signs are arbitrary; fix them as scikit-learn >= 1.5 does (svd_flip with
  // u_based_decision=False): in each component the loading of largest magnitude is positive.
  for (Eigen::Index c = 0; c < V.cols(); ++c) {
    Eigen::Index at = 0;
    V.col(c).cwiseAbs().maxCoeff(&at);  // first index of the largest |loading|, like numpy.argmax
    if (V(at, c) < 0) {
      U.col(c) *= -1;
      V.col(c) *= -1;
    }
  }
  const Eigen::Index k = n_components;
  const Eigen::VectorXd variance = S.array().square() / double(n - 1);
  const double total = variance.sum();
  r.components = V.leftCols(k).transpose();
  r.explained_variance = variance.head(k);
  r.explained_variance_ratio = total > 0 ? Eigen::VectorXd(r.explained_variance / total) : Eigen::VectorXd::Zero(k);
  r.scores = U.leftCols(k) * S.head(k).asDiagonal();
  return r;
}

Eigen::MatrixXd pca_transform(const PcaResult& fitted, const Eigen::MatrixXd& X) {
  if (X.cols() != fitted.mean.size())
    fail("pca_transform: data has {} columns, the PCA was fitted on {}", X.cols(), fitted.mean.size());
  return (X.rowwise() - fitted.mean) * fitted.components.transpose();
}

}  // namespace nsmlab
