#include "lexical/randomized_svd.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "util/error.h"

namespace nsmlab {

namespace {

// Row-major dense blocks make both sparse products (A * X and A^T * X) walk
// contiguous rows of X.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

RowMatrix gaussian_matrix(Eigen::Index rows, Eigen::Index cols, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform_open = [&] { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53; };  // (0, 1)
  RowMatrix g(rows, cols);
  double* p = g.data();
  const Eigen::Index size = g.size();
  for (Eigen::Index i = 0; i < size; i += 2) {
    const double r = std::sqrt(-2.0 * std::log(uniform_open()));
    const double t = 2.0 * std::numbers::pi * uniform_open();
    p[i] = r * std::cos(t);
    if (i + 1 < size) p[i + 1] = r * std::sin(t);
  }
  return g;
}

// Orthonormal basis of the columns of y (thin Q of a Householder QR; stays
// orthonormal even when y is rank-deficient).
RowMatrix orthonormal_basis(const RowMatrix& y) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(y);
  return qr.householderQ() * Eigen::MatrixXd::Identity(y.rows(), y.cols());
}

// Between power iterations the basis only has to keep the columns from collapsing
// onto the top singular vector, not be orthonormal to rounding: Cholesky QR
// (Y = Q R with R^T R = Y^T Y) does that at a third of Householder's cost, all in
// matrix products. Falls back to Householder when Y is near rank-deficient.
RowMatrix well_conditioned_basis(const RowMatrix& y) {
  const Eigen::MatrixXd gram = y.transpose() * y;
  Eigen::LLT<Eigen::MatrixXd> llt(gram);
  if (llt.info() == Eigen::Success) {
    const Eigen::VectorXd diag = llt.matrixLLT().diagonal().cwiseAbs();
    if (diag.minCoeff() > 1e-5 * diag.maxCoeff()) {
      RowMatrix q = y;
      llt.matrixU().solveInPlace<Eigen::OnTheRight>(q);
      return q;
    }
  }
  return orthonormal_basis(y);
}

}  // namespace

RandomizedSvdResult randomized_svd(const Eigen::SparseMatrix<double, Eigen::RowMajor>& a,
                                   const RandomizedSvdOptions& options) {
  if (options.components < 0 || options.oversamples < 0 || options.power_iterations < 0)
    fail("randomized_svd: components ({}), oversamples ({}) and power_iterations ({}) must be >= 0",
         options.components, options.oversamples, options.power_iterations);
  const Eigen::Index n = a.rows();
  const Eigen::Index smaller = std::min(n, a.cols());
  const Eigen::Index k = std::min<Eigen::Index>(options.components, smaller);
  RandomizedSvdResult result;
  if (k == 0) {
    result.U.resize(n, 0);
    result.S.resize(0);
    return result;
  }
  const Eigen::Index l = std::min<Eigen::Index>(k + options.oversamples, smaller);

  // Range finder: Q spans A * Omega, refined by subspace iterations with A A^T.
  RowMatrix y = a * gaussian_matrix(a.cols(), l, options.seed);
  // With l == n, Q is a basis of all of R^n: iterating cannot improve it.
  const int iterations = (l == n) ? 0 : options.power_iterations;
  for (int it = 0; it < iterations; ++it) {
    const RowMatrix z = a.transpose() * well_conditioned_basis(y);
    y = a * z;
  }
  const RowMatrix q = orthonormal_basis(y);

  // B = Q^T A; its left singular vectors and values come from the small l x l
  // matrix B B^T = Z^T Z with Z = A^T Q, never forming anything n x cols dense.
  const RowMatrix z = a.transpose() * q;
  const Eigen::MatrixXd gram = z.transpose() * z;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram);
  if (eig.info() != Eigen::Success) fail("randomized_svd: eigen-decomposition of the {} x {} Gram matrix failed", l, l);
  // Eigenvalues come ascending: take the last k in reverse.
  Eigen::MatrixXd v(l, k);
  result.S.resize(k);
  for (Eigen::Index j = 0; j < k; ++j) {
    const Eigen::Index src = l - 1 - j;
    v.col(j) = eig.eigenvectors().col(src);
    result.S(j) = std::sqrt(std::max(0.0, eig.eigenvalues()(src)));
  }
  result.U = q * v;
  // Fix each column's sign so that results do not depend on the eigen-solver's choice.
  for (Eigen::Index j = 0; j < k; ++j) {
    Eigen::Index arg = 0;
    result.U.col(j).cwiseAbs().maxCoeff(&arg);
    if (result.U(arg, j) < 0) result.U.col(j) *= -1.0;
  }
  return result;
}

}  // namespace nsmlab
