#include "analysis/assignment.h"
#include "analysis/cluster_metrics.h"
#include "analysis/label_codes.h"
#include "util/error.h"

namespace nsmlab {

std::vector<LabelMatch> best_label_matching(const std::vector<int>& truth, const std::vector<int>& pred) {
  const Eigen::MatrixXi counts = contingency_matrix(truth, pred);
  const LabelCodes t = encode_labels(truth), p = encode_labels(pred);
  const std::vector<int> match = hungarian_maximize(counts.cast<double>());
  std::vector<LabelMatch> out;
  for (size_t r = 0; r < match.size(); ++r)
    if (match[r] >= 0) out.push_back({t.values[r], p.values[size_t(match[r])], counts(Eigen::Index(r), match[r])});
  return out;
}

double purity_hungarian(const std::vector<int>& truth, const std::vector<int>& pred) {
  require_same_length("purity_hungarian", truth, pred);
  if (truth.empty()) fail("purity_hungarian: no items to score");
  long matched = 0;
  for (const LabelMatch& m : best_label_matching(truth, pred)) matched += m.count;
  return double(matched) / double(truth.size());
}

}  // namespace nsmlab
