#include "analysis/eigen_bridge.h"

#include "util/error.h"

namespace nsmlab {

Eigen::MatrixXd to_eigen(const Matrix& m) {
  if (m.data.size() != m.rows * m.cols)
    fail("to_eigen: matrix holds {} values, expected rows*cols = {}*{}", m.data.size(), m.rows, m.cols);
  using RowMajorF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<const RowMajorF> view(m.data.data(), Eigen::Index(m.rows), Eigen::Index(m.cols));
  return view.cast<double>();
}

Matrix from_eigen(const Eigen::MatrixXd& m) {
  Matrix out(size_t(m.rows()), size_t(m.cols()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) out(size_t(i), size_t(j)) = float(m(i, j));
  return out;
}

Eigen::MatrixXd select_rows(const Eigen::MatrixXd& m, const std::vector<size_t>& rows) {
  Eigen::MatrixXd out(Eigen::Index(rows.size()), m.cols());
  for (size_t r = 0; r < rows.size(); ++r) {
    if (rows[r] >= size_t(m.rows())) fail("select_rows: row {} out of range (matrix has {} rows)", rows[r], m.rows());
    out.row(Eigen::Index(r)) = m.row(Eigen::Index(rows[r]));
  }
  return out;
}

}  // namespace nsmlab
