#include "lexical_test_support.h"

#include <Eigen/SVD>

namespace nsmlab::testing {

Eigen::VectorXd dense_singular_values(const TfidfMatrix& m) {
  return Eigen::JacobiSVD<Eigen::MatrixXd>(Eigen::MatrixXd(m.values)).singularValues();
}

}  // namespace nsmlab::testing
