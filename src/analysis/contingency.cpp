#include "analysis/cluster_metrics.h"
#include "analysis/label_codes.h"

namespace nsmlab {

Eigen::MatrixXi contingency_matrix(const std::vector<int>& truth, const std::vector<int>& pred) {
  require_same_length("contingency_matrix", truth, pred);
  const LabelCodes t = encode_labels(truth), p = encode_labels(pred);
  Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(Eigen::Index(t.values.size()), Eigen::Index(p.values.size()));
  for (size_t i = 0; i < truth.size(); ++i) ++counts(t.codes[i], p.codes[i]);
  return counts;
}

}  // namespace nsmlab
