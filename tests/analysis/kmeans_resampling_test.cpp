#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/cluster_metrics.h"
#include "analysis/kmeans.h"
#include "analysis/resampling.h"
#include "analysis_fixtures.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::analysis_expected;
using testing::load_npy_eigen;

TEST(KMeans, InertiaAtLeastAsGoodAsSklearn) {
  for (const std::string name : {"blobs", "structured"}) {
    const Eigen::MatrixXd X = load_npy_eigen(name + "_X.npy");
    for (const Json& rec : analysis_expected().at("datasets").at(name).at("kmeans")) {
      KMeansOptions opt;
      opt.k = rec.at("k").get<int>();
      SCOPED_TRACE(name + " k=" + std::to_string(opt.k));
      const KMeansResult r = kmeans(X, opt);
      if (rec.at("well_posed").get<bool>()) {
        // Up to the true number of groups the optimum is clear-cut: match sklearn's seed-42 run.
        EXPECT_LE(r.inertia, rec.at("inertia").get<double>() * (1 + 1e-6));
      } else {
        // Beyond, the best of 20 restarts depends on the seed (for sklearn too): compare the
        // typical run, the median over seeds 0..19, with sklearn's.
        std::vector<double> runs;
        KMeansOptions seeded = opt;
        for (seeded.seed = 0; seeded.seed < 20; ++seeded.seed) runs.push_back(kmeans(X, seeded).inertia);
        std::sort(runs.begin(), runs.end());
        EXPECT_LE((runs[9] + runs[10]) / 2, rec.at("inertia_median_over_seeds").get<double>() * (1 + 5e-3));
      }
      // The result is self-consistent: inertia of the labels/centers returned.
      double inertia = 0;
      for (Eigen::Index i = 0; i < X.rows(); ++i) inertia += (X.row(i) - r.centers.row(r.labels[size_t(i)])).squaredNorm();
      EXPECT_NEAR(inertia, r.inertia, 1e-9 * inertia);
      EXPECT_EQ(r.centers.rows(), opt.k);
      EXPECT_GE(r.iterations, 1);
    }
  }
}

TEST(KMeans, RecoversSeparatedBlobsAndIsDeterministic) {
  const Json& rec = analysis_expected().at("datasets").at("blobs");
  const Eigen::MatrixXd X = load_npy_eigen("blobs_X.npy");
  KMeansOptions opt;
  opt.k = 11;
  const KMeansResult a = kmeans(X, opt), b = kmeans(X, opt);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.inertia, b.inertia);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(rec.at("truth").get<std::vector<int>>(), a.labels), 1.0);
}

TEST(KMeans, BadOptionsAreErrors) {
  const Eigen::MatrixXd X = Eigen::MatrixXd::Random(5, 2);
  KMeansOptions opt;
  opt.k = 6;
  EXPECT_THROW(kmeans(X, opt), Error);
  opt.k = 5;  // every point its own cluster
  EXPECT_NEAR(kmeans(X, opt).inertia, 0.0, 1e-12);
}

TEST(Resampling, PermutationPValueFormula) {
  // A deterministic "null" 0, 1, ..., 9: 3 values are >= 7, 8 are <= 7.
  int counter = 0;
  auto draw = [&](std::mt19937_64&) { return double(counter++ % 10); };
  const PermutationResult hi = permutation_test(7.0, 10, 1, draw);
  EXPECT_DOUBLE_EQ(hi.p_value, 4.0 / 11.0);
  EXPECT_EQ(hi.permutations, 10);
  EXPECT_DOUBLE_EQ(hi.null_mean, 4.5);
  EXPECT_DOUBLE_EQ(hi.observed, 7.0);
  counter = 0;
  EXPECT_DOUBLE_EQ(permutation_test(7.0, 10, 1, draw, false).p_value, 9.0 / 11.0);
  // NaN draws do not count.
  auto nan_every_other = [&](std::mt19937_64&) { return counter++ % 2 ? NAN : 100.0; };
  const PermutationResult n = permutation_test(1.0, 10, 1, nan_every_other);
  EXPECT_EQ(n.permutations, 5);
  EXPECT_DOUBLE_EQ(n.p_value, 1.0);
}

TEST(Resampling, PermutationTestDetectsRealStructureAndIsDeterministic) {
  // Labels that follow the data vs shuffled labels: the observed ARI is extreme.
  const std::vector<int> truth = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
  auto draw = [&](std::mt19937_64& rng) {
    std::vector<int> shuffled = truth;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    return adjusted_rand_index(truth, shuffled);
  };
  const PermutationResult a = permutation_test(1.0, 500, 7, draw), b = permutation_test(1.0, 500, 7, draw);
  EXPECT_LT(a.p_value, 0.01);
  EXPECT_EQ(a.p_value, b.p_value);
  EXPECT_EQ(a.null_mean, b.null_mean);
  EXPECT_NEAR(a.null_mean, 0.0, 0.05);  // ARI of random labels averages 0
  EXPECT_NE(permutation_test(1.0, 500, 8, draw).null_mean, a.null_mean);
}

TEST(Resampling, BootstrapCoversTheMeanAndIsDeterministic) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> normal(5.0, 1.0);
  std::vector<double> values(200);
  for (double& v : values) v = normal(rng);
  auto mean_of = [&](const std::vector<size_t>& idx) {
    double s = 0;
    for (size_t i : idx) s += values[i];
    return s / double(idx.size());
  };
  const BootstrapResult a = bootstrap(values.size(), 1000, 11, 0.95, mean_of);
  const BootstrapResult b = bootstrap(values.size(), 1000, 11, 0.95, mean_of);
  EXPECT_EQ(a.samples, b.samples);
  ASSERT_EQ(a.samples.size(), 1000u);
  EXPECT_LT(a.interval.low, 5.0);
  EXPECT_GT(a.interval.high, 5.0);
  // Standard error of the mean is 1/sqrt(200) ~ 0.07: the 95 % interval is ~0.28 wide.
  EXPECT_GT(a.interval.high - a.interval.low, 0.15);
  EXPECT_LT(a.interval.high - a.interval.low, 0.45);
  int calls = 0;
  const BootstrapResult n = bootstrap(10, 20, 1, 0.9, [&](const std::vector<size_t>&) { return calls++ % 4 ? 1.0 : NAN; });
  EXPECT_EQ(n.samples.size(), 15u);
  EXPECT_THROW(bootstrap(0, 10, 1, 0.95, mean_of), Error);
}

}  // namespace
}  // namespace nsmlab

TEST(Jackknife, StandardErrorOfTheMeanIsTheTextbookOne) {
  // For the mean, the jackknife standard error equals sd / sqrt(n) exactly.
  const std::vector<double> x = {2.0, 3.5, 1.0, 7.25, 4.0, 0.5, 3.0};
  const size_t n = x.size();
  double mean = 0, ss = 0;
  for (double v : x) mean += v / n;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double se = std::sqrt(ss / (n - 1)) / std::sqrt(double(n));
  auto stat = [&](const std::vector<size_t>& idx) {
    double s = 0;
    for (size_t i : idx) s += x[i];
    return s / idx.size();
  };
  nsmlab::JackknifeResult j = nsmlab::jackknife(n, mean, 0.95, stat);
  EXPECT_EQ(j.leave_one_out.size(), n);
  EXPECT_NEAR(j.standard_error, se, 1e-12);
  EXPECT_NEAR(j.interval.low, mean - 1.959963984540054 * se, 1e-9);
  EXPECT_NEAR(j.interval.high, mean + 1.959963984540054 * se, 1e-9);
}

TEST(Jackknife, NormalQuantile) {
  EXPECT_NEAR(nsmlab::normal_quantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_NEAR(nsmlab::normal_quantile(0.5), 0.0, 1e-12);
  EXPECT_NEAR(nsmlab::normal_quantile(0.05), -1.6448536269514722, 1e-12);
  EXPECT_THROW(nsmlab::normal_quantile(1.0), nsmlab::Error);
}
