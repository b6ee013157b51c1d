// Agreement between a clustering and known categories, and cluster quality, with
// scikit-learn's conventions so numbers can be compared with the original experiment.
// Labels are arbitrary ints (e.g. category indices, cluster ids, -1 for noise);
// they are ranked in sorted order like numpy.unique.
#pragma once
#include <Eigen/Dense>
#include <vector>

namespace nsmlab {

// counts(i, j) = #items with the i-th smallest truth label and the j-th smallest predicted label.
Eigen::MatrixXi contingency_matrix(const std::vector<int>& truth, const std::vector<int>& pred);

// Best one-to-one assignment of clusters to categories (Hungarian), matched items / n.
double purity_hungarian(const std::vector<int>& truth, const std::vector<int>& pred);
// The pairs (truth label, pred label) of that best assignment, in truth-label order.
struct LabelMatch { int truth = 0; int pred = 0; int count = 0; };
std::vector<LabelMatch> best_label_matching(const std::vector<int>& truth, const std::vector<int>& pred);

// Mean silhouette with Euclidean distances; a sample alone in its cluster scores 0.
// Needs 2 <= #labels <= n-1 (like sklearn), otherwise throws nsmlab::Error.
double silhouette_score(const Eigen::MatrixXd& X, const std::vector<int>& labels);
// The same from a precomputed n x n distance matrix.
double silhouette_score_precomputed(const Eigen::MatrixXd& distances, const std::vector<int>& labels);

double adjusted_rand_index(const std::vector<int>& truth, const std::vector<int>& pred);
// Normalised mutual information, arithmetic mean of the entropies (sklearn's default).
double normalized_mutual_info(const std::vector<int>& truth, const std::vector<int>& pred);

// Pairwise Euclidean distances between the rows of X.
Eigen::MatrixXd euclidean_distances(const Eigen::MatrixXd& X);

}  // namespace nsmlab
