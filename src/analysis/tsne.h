// Exact t-SNE with sklearn's TSNE(method='exact', init='pca', learning_rate='auto')
// schedule, and the trustworthiness score that says how faithful an embedding is.
#pragma once
#include <Eigen/Dense>
#include <cstdint>

namespace nsmlab {

struct TsneOptions { int dims = 2; double perplexity = 30; int max_iter = 1000; uint64_t seed = 42; double early_exaggeration = 12; };

// What a run actually did.
struct TsneInfo {
  double perplexity_used = 0;  // the requested one: scikit-learn applies no cap
  double learning_rate = 0;    // 'auto': max(n / early_exaggeration / 4, 50)
  double kl_divergence = 0;    // at the last error check
  int iterations = 0;          // gradient steps taken
};

// X: n x d. Returns n x dims. Needs n >= 2, 0 < perplexity < n (scikit-learn's rule; the
// perplexity is used as given, not capped) and 1 <= dims <= min(n, d). The PCA
// initialisation makes the run deterministic; the seed is kept for API stability.
Eigen::MatrixXd tsne(const Eigen::MatrixXd& X, const TsneOptions& opt);
Eigen::MatrixXd tsne(const Eigen::MatrixXd& X, const TsneOptions& opt, TsneInfo* info);

// Row-conditional probabilities p_{j|i} (row i sums to 1, zero diagonal), each row's
// Gaussian width found by binary search so that exp(entropy) = perplexity.
Eigen::MatrixXd tsne_conditional_probabilities(const Eigen::MatrixXd& squared_distances, double perplexity);

// Symmetric joint probabilities P (n x n, zero diagonal, sums to 1) from squared
// distances, each row's Gaussian width found by binary search to the perplexity.
Eigen::MatrixXd tsne_joint_probabilities(const Eigen::MatrixXd& squared_distances, double perplexity);

// Pairwise squared Euclidean distances between the rows of X.
Eigen::MatrixXd squared_euclidean_distances(const Eigen::MatrixXd& X);

// Like sklearn.manifold.trustworthiness (Euclidean): 1 - penalty for embedded
// neighbours that are not neighbours in the input space. Needs n_neighbors < n/2.
double trustworthiness(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, int n_neighbors = 5);

}  // namespace nsmlab
