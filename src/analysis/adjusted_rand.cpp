#include "analysis/cluster_metrics.h"
#include "analysis/label_codes.h"

namespace nsmlab {

// Through the pair confusion matrix, in exact integer arithmetic like sklearn 1.2.
double adjusted_rand_index(const std::vector<int>& truth, const std::vector<int>& pred) {
  require_same_length("adjusted_rand_index", truth, pred);
  const Eigen::MatrixXi c = contingency_matrix(truth, pred);
  const long long n = (long long)truth.size();
  const Eigen::Matrix<long long, Eigen::Dynamic, Eigen::Dynamic> cl = c.cast<long long>();
  const auto row_sums = cl.rowwise().sum().eval();
  const auto col_sums = cl.colwise().sum().eval();
  const long long sum_squares = cl.array().square().sum();
  const long long same_both = sum_squares - n;                                     // tp (x2)
  const long long same_pred_only = (cl * col_sums.transpose()).sum() - sum_squares;  // fp
  const long long same_truth_only = (cl.transpose() * row_sums).sum() - sum_squares;  // fn
  const long long neither = n * n - same_pred_only - same_truth_only - sum_squares;  // tn
  if (same_pred_only == 0 && same_truth_only == 0) return 1.0;  // full agreement (or no data)
  using LD = long double;  // products reach n^4
  const LD tp = same_both, tn = neither, fp = same_pred_only, fn = same_truth_only;
  return double(2.0L * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn)));
}

}  // namespace nsmlab
