// Principal component analysis by SVD of the centred data, numerically and in sign
// identical to sklearn.decomposition.PCA (svd_solver='full') of scikit-learn >= 1.5.
#pragma once
#include <Eigen/Dense>

namespace nsmlab {

struct PcaResult {
  Eigen::MatrixXd components;  // k x d, unit rows, strongest first
  Eigen::VectorXd explained_variance, explained_variance_ratio;  // ddof = 1; ratio of the total variance
  Eigen::MatrixXd scores;      // n x k: centred data projected on the components
  Eigen::RowVectorXd mean;     // 1 x d
};

// Needs n >= 2 and 1 <= n_components <= min(n, d). Signs follow scikit-learn >= 1.5 (the
// version the notebook needs): each component's loading of largest magnitude is positive.
// scikit-learn <= 1.4 made each column of scores' largest entry positive instead, so a
// component (and the sign of a correlation with it) can be flipped against older runs.
PcaResult pca(const Eigen::MatrixXd& X, int n_components);

// Projects new rows with a fitted PCA (like PCA.transform).
Eigen::MatrixXd pca_transform(const PcaResult& fitted, const Eigen::MatrixXd& X);

}  // namespace nsmlab
