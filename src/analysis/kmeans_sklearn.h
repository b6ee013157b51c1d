// scikit-learn's KMeans(n_clusters=k, n_init=..., random_state=seed) on float32 data, draw
// for draw and label for label: numpy's RandomState(seed) shared by the restarts in turn,
// greedy k-means++ (2 + floor(ln k) local trials), float32 Lloyd iterations with
// scikit-learn's tolerance, empty-cluster relocation and convergence rules, the best
// inertia kept. nsmlab's own kmeans() is as good a clustering but draws other numbers.
//
// Rounded as scikit-learn rounds: numpy's float32 pairwise sums, the centres' float32
// einsum norms (numpy 1.24's baseline build), distances upcast to float64, and the Lloyd
// step's float32 dot products as OpenBLAS's sgemm kernels accumulate them (one fused
// multiply-add per feature, in order). Other numpy/BLAS builds may round a near-tie
// differently: a sample equidistant to two centres to the last float32 bit. Sums over samples follow a
// one-thread run, which is what scikit-learn does on any thread count up to 256 samples.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <string>

#include "analysis/kmeans.h"

namespace nsmlab {

// The versions draw the first centre and sum the potentials differently.
enum class SklearnKMeansVersion {
  v1_2,  // < 1.3: first centre randint(n), potentials summed by numpy in float32
  v1_3,  // 1.3 to 1.7: first centre choice(n, p=weights), potentials as weighted dot products
  v1_8,  // >= 1.8: as 1.3, with the float32 cumulative sum of the candidate sampling
};

// "sklearn-1.2", "sklearn" (1.3 to 1.7) and "sklearn-1.8"; nullopt for other names.
std::optional<SklearnKMeansVersion> parse_sklearn_kmeans_version(const std::string& name);
std::string sklearn_kmeans_version_name(SklearnKMeansVersion version);

struct SklearnKMeansOptions {
  int k = 8;
  int n_init = 20;
  int max_iter = 300;
  double tol = 1e-4;
  uint32_t seed = 42;  // random_state
  SklearnKMeansVersion version = SklearnKMeansVersion::v1_3;
};

// X: n x d, rounded to float32 first (exact for float32 embeddings). Needs 1 <= k <= n and
// finite data. centers are scikit-learn's cluster_centers_, inertia its inertia_ (float32).
KMeansResult kmeans_sklearn(const Eigen::MatrixXd& X, const SklearnKMeansOptions& opt);

}  // namespace nsmlab
