// Truncated SVD of a sparse matrix by the randomized range finder of Halko, Martinsson
// & Tropp (2011, algorithms 4.4 + 5.1): the baseline's latent semantic analysis.
#pragma once
#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include <cstdint>

namespace nsmlab {

struct RandomizedSvdOptions {
  int components = 256;
  int oversamples = 10;      // extra random directions, as in scikit-learn
  int power_iterations = 4;  // subspace iterations: sharpen the spectrum's decay
  uint64_t seed = 42;
};

struct RandomizedSvdResult {
  Eigen::MatrixXd U;  // n x k, orthonormal columns; sign: largest |entry| of each column > 0
  Eigen::VectorXd S;  // k singular values, descending
};

// k = min(components, rows, cols). When components + oversamples reaches the row count,
// the range is all of R^rows and the result is exact (up to rounding). Deterministic for
// a seed: the Gaussian test matrix comes from mt19937_64 through Box-Muller, not from
// std::normal_distribution, whose algorithm differs between standard libraries.
RandomizedSvdResult randomized_svd(const Eigen::SparseMatrix<double, Eigen::RowMajor>& a,
                                   const RandomizedSvdOptions& options);

}  // namespace nsmlab
