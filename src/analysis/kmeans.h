// k-means clustering as sklearn.cluster.KMeans(algorithm='lloyd'): greedy k-means++
// seeding, Lloyd iterations, best inertia of n_init restarts. Deterministic for a seed
// (whatever the number of threads).
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <random>
#include <vector>

namespace nsmlab {

struct KMeansOptions { int k = 8; int n_init = 20; int max_iter = 300; double tol = 1e-4; uint64_t seed = 42; };
struct KMeansResult { std::vector<int> labels; Eigen::MatrixXd centers; double inertia = 0; int iterations = 0; };

// X: n x d, one sample per row. Needs 1 <= k <= n and finite data.
KMeansResult kmeans(const Eigen::MatrixXd& X, const KMeansOptions& opt);

// Greedy k-means++ seeding (2 + floor(ln k) candidates per step, keep the one that
// lowers the potential most). Xt: d x n (one sample per column). Returns row indices.
std::vector<size_t> kmeans_plusplus(const Eigen::MatrixXd& Xt, int k, std::mt19937_64& rng);

}  // namespace nsmlab
