// The analyses of one experiment run, at the sizes the built-in dataset gives:
// k-means (n_init 20) on the 65 primes, exact t-SNE on 105 points, PCA.
#include <benchmark/benchmark.h>

#include <Eigen/Dense>
#include <random>

#include "analysis/kmeans.h"
#include "analysis/pca.h"
#include "analysis/tsne.h"

namespace {

// Gaussian blobs (k centres) in d dimensions: clustered like sentence embeddings,
// so Lloyd iterations and t-SNE gradients behave as on real data.
Eigen::MatrixXd blobs(int n, int d, int k, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  Eigen::MatrixXd centres(k, d), X(n, d);
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < d; ++j) centres(i, j) = 3.0 * g(rng);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) X(i, j) = centres(i % k, j) + g(rng);
  return X;
}

void BM_KMeans_65x768_k16_ninit20(benchmark::State& state) {
  const Eigen::MatrixXd X = blobs(65, 768, 16, 1);
  nsmlab::KMeansOptions opt;
  opt.k = 16;  // the dataset's 16 categories
  opt.n_init = 20;
  for (auto _ : state) benchmark::DoNotOptimize(nsmlab::kmeans(X, opt).inertia);
}

void BM_TsneExact_105x768(benchmark::State& state) {
  const Eigen::MatrixXd X = blobs(105, 768, 8, 2);
  nsmlab::TsneOptions opt;
  for (auto _ : state) benchmark::DoNotOptimize(nsmlab::tsne(X, opt).data());
}

void BM_Pca_105x768_2(benchmark::State& state) {
  const Eigen::MatrixXd X = blobs(105, 768, 8, 3);
  for (auto _ : state) benchmark::DoNotOptimize(nsmlab::pca(X, 2).scores.data());
}

}  // namespace

BENCHMARK(BM_KMeans_65x768_k16_ninit20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TsneExact_105x768)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Pca_105x768_2)->Unit(benchmark::kMillisecond);
