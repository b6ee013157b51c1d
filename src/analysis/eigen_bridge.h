// The bridge between nsmlab's float matrices (what encoders produce) and Eigen's
// double matrices (what the analyses compute in: the statistics want the precision).
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "util/matrix.h"

namespace nsmlab {

Eigen::MatrixXd to_eigen(const Matrix& m);
// The way back, e.g. to save an embedding with write_npy.
Matrix from_eigen(const Eigen::MatrixXd& m);
// Selected rows of a matrix, in the order given (e.g. the primes of one language).
Eigen::MatrixXd select_rows(const Eigen::MatrixXd& m, const std::vector<size_t>& rows);

}  // namespace nsmlab
