// The cost of H1's jackknife intervals as the number of primes grows (issue 6): the
// leave-one-out silhouettes and purities of n points in k = 16 clusters. The fast path
// grows as n^2; the direct one (n silhouettes of n-1 points) as n^3, shown at small n.
#include <benchmark/benchmark.h>

#include <Eigen/Dense>
#include <random>

#include "analysis/cluster_metrics.h"
#include "analysis/leave_one_out.h"
#include "analysis/resampling.h"

namespace {

struct Clustered {
  Eigen::MatrixXd distances;
  std::vector<int> truth, clusters;
};

// n points around 16 centres in 64 dimensions, with 10% of the categories shuffled.
Clustered clustered(int n) {
  std::mt19937_64 rng{static_cast<uint64_t>(n)};
  std::normal_distribution<double> g(0.0, 1.0);
  const int k = 16, d = 64;
  Eigen::MatrixXd centres(k, d), X(n, d);
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < d; ++j) centres(i, j) = 3.0 * g(rng);
  Clustered c;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) X(i, j) = centres(i % k, j) + g(rng);
    c.clusters.push_back(i % k);
    c.truth.push_back(i % 10 == 0 ? (i / 10) % k : i % k);
  }
  c.distances = nsmlab::euclidean_distances(X);
  return c;
}

void BM_H1JackknifeIntervals(benchmark::State& state) {
  const Clustered c = clustered(int(state.range(0)));
  for (auto _ : state) {
    const auto purity = nsmlab::jackknife_from(nsmlab::leave_one_out_purities(c.truth, c.clusters), 0.9, 0.95);
    const auto silhouette = nsmlab::jackknife_from(nsmlab::leave_one_out_silhouettes(c.distances, c.clusters), 0.3, 0.95);
    benchmark::DoNotOptimize(purity.standard_error + silhouette.standard_error);
  }
  state.SetComplexityN(state.range(0));
}

// What H1 did before: the silhouette recomputed on every n-1 subset.
void BM_H1JackknifeIntervalsDirect(benchmark::State& state) {
  const Clustered c = clustered(int(state.range(0)));
  const Eigen::Index n = c.distances.rows();
  for (auto _ : state) {
    const auto silhouette = nsmlab::jackknife(size_t(n), 0.3, 0.95, [&](const std::vector<size_t>& idx) {
      const std::vector<Eigen::Index> keep(idx.begin(), idx.end());
      std::vector<int> labels;
      for (size_t i : idx) labels.push_back(c.clusters[i]);
      return nsmlab::silhouette_score_precomputed(c.distances(keep, keep), labels);
    });
    benchmark::DoNotOptimize(silhouette.standard_error);
  }
  state.SetComplexityN(state.range(0));
}

}  // namespace

BENCHMARK(BM_H1JackknifeIntervals)->Arg(100)->Arg(200)->Arg(400)->Arg(800)->Arg(1600)
    ->Complexity(benchmark::oNSquared)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_H1JackknifeIntervalsDirect)->Arg(100)->Arg(200)->Arg(400)
    ->Complexity(benchmark::oNCubed)->Unit(benchmark::kMillisecond);
