// Loads the sklearn/scipy reference values written by tools/fixtures/make_analysis_fixtures.py.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "util/json_file.h"
#include "util/npy.h"

namespace nsmlab::testing {

inline std::string analysis_fixture(const std::string& name) {
  return std::string(NSMLAB_FIXTURES_DIR) + "/analysis/" + name;
}

inline const Json& analysis_expected() {
  static const Json expected = load_json(analysis_fixture("expected.json"));
  return expected;
}

inline Eigen::MatrixXd load_npy_eigen(const std::string& name) {
  const NpyArray a = read_npy(analysis_fixture(name));
  const Eigen::Index rows = Eigen::Index(a.shape.at(0)), cols = a.shape.size() > 1 ? Eigen::Index(a.shape[1]) : 1;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = a.values[size_t(i * cols + j)];
  return m;
}

inline Eigen::MatrixXd json_matrix(const Json& j) {
  Eigen::MatrixXd m(Eigen::Index(j.size()), Eigen::Index(j.at(0).size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index c = 0; c < m.cols(); ++c) m(i, c) = j.at(size_t(i)).at(size_t(c)).get<double>();
  return m;
}

inline Eigen::VectorXd json_vector(const Json& j) {
  Eigen::VectorXd v(Eigen::Index(j.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = j.at(size_t(i)).get<double>();
  return v;
}

inline const std::vector<std::string>& dataset_names() {
  static const std::vector<std::string> names = {"blobs", "structured", "tiny"};
  return names;
}

}  // namespace nsmlab::testing
