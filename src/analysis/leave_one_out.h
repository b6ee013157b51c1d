// Leave-one-out values of clustering statistics, all n of them at once: what the jackknife
// needs. Recomputing a statistic n times on n-1 items costs O(n^3) for the silhouette;
// these share the work (O(n^2) in all) and give the same numbers.
#pragma once
#include <Eigen/Dense>
#include <vector>

namespace nsmlab {

// out[r] = silhouette_score_precomputed of every item but r (distances D, labels), or
// NaN where that silhouette is undefined (fewer than 2, or more than n-2, distinct labels
// left). Equal to the direct computation up to rounding (one distance subtracted from a sum
// instead of left out of it: ~1e-16 relative).
std::vector<double> leave_one_out_silhouettes(const Eigen::MatrixXd& distances, const std::vector<int>& labels);

// out[r] = purity_hungarian of every item but r, exactly: it depends only on which cell
// (truth, pred) of the contingency table r comes from, so it is computed once per cell.
std::vector<double> leave_one_out_purities(const std::vector<int>& truth, const std::vector<int>& pred);

}  // namespace nsmlab
