#include "analysis/cluster_metrics.h"

#include <gtest/gtest.h>

#include "analysis_fixtures.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::analysis_expected;
using testing::dataset_names;
using testing::load_npy_eigen;

TEST(ContingencyMatrix, CountsInSortedLabelOrder) {
  const Eigen::MatrixXi c = contingency_matrix({3, 3, 1, 1, 1, 7}, {-1, 5, 5, 5, -1, 5});
  ASSERT_EQ(c.rows(), 3);
  ASSERT_EQ(c.cols(), 2);
  EXPECT_EQ(c(0, 0), 1);  // truth 1, pred -1
  EXPECT_EQ(c(0, 1), 2);  // truth 1, pred 5
  EXPECT_EQ(c(1, 0), 1);  // truth 3, pred -1
  EXPECT_EQ(c(1, 1), 1);
  EXPECT_EQ(c(2, 0), 0);
  EXPECT_EQ(c(2, 1), 1);
}

TEST(Purity, OneToOneNotMajority) {
  // Majority purity would give 1.0 (every cluster is pure); a one-to-one matching cannot
  // give both clusters to category 0.
  EXPECT_DOUBLE_EQ(purity_hungarian({0, 0, 0, 0, 1, 1}, {0, 0, 1, 1, 2, 2}), 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(purity_hungarian({0, 1, 2}, {9, 9, 9}), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(purity_hungarian({4, 4, 2}, {1, 1, 0}), 1.0);
  const auto matches = best_label_matching({0, 0, 0, 0, 1, 1}, {0, 0, 1, 1, 2, 2});
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[1].truth, 1);
  EXPECT_EQ(matches[1].pred, 2);
  EXPECT_EQ(matches[1].count, 2);
}

TEST(ClusterMetrics, HandComputedValues) {
  // sklearn documentation examples.
  EXPECT_NEAR(adjusted_rand_index({0, 0, 1, 1}, {0, 1, 0, 1}), -0.5, 1e-12);
  EXPECT_NEAR(adjusted_rand_index({0, 0, 0, 0}, {0, 1, 2, 3}), 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(adjusted_rand_index({0, 0, 1, 1}, {1, 1, 0, 0}), 1.0);
  EXPECT_DOUBLE_EQ(normalized_mutual_info({0, 0, 1, 1}, {1, 1, 0, 0}), 1.0);
  EXPECT_DOUBLE_EQ(normalized_mutual_info({0, 0, 1, 1}, {0, 1, 0, 1}), 0.0);
  EXPECT_DOUBLE_EQ(normalized_mutual_info({2, 2, 2}, {5, 5, 5}), 1.0);
  EXPECT_DOUBLE_EQ(normalized_mutual_info({0, 1, 2}, {5, 5, 5}), 0.0);
  // Two tight pairs far apart: a = 0, b = 10 for every sample.
  Eigen::MatrixXd X(4, 1);
  X << 0, 0, 10, 10;
  EXPECT_DOUBLE_EQ(silhouette_score(X, {0, 0, 1, 1}), 1.0);
}

TEST(ClusterMetrics, MatchSklearnOnFixtures) {
  for (const std::string& name : dataset_names()) {
    SCOPED_TRACE(name);
    const Json& rec = analysis_expected().at("datasets").at(name);
    const Eigen::MatrixXd X = load_npy_eigen(name + "_X.npy");
    const auto truth = rec.at("truth").get<std::vector<int>>();
    EXPECT_NEAR(silhouette_score(X, truth), rec.at("silhouette_truth").get<double>(), 1e-6);
    for (const Json& l : rec.at("labelings")) {
      const auto t = l.at("truth").get<std::vector<int>>(), p = l.at("pred").get<std::vector<int>>();
      EXPECT_NEAR(purity_hungarian(t, p), l.at("purity").get<double>(), 1e-6);
      EXPECT_NEAR(silhouette_score(X, p), l.at("silhouette_pred").get<double>(), 1e-6);
      EXPECT_NEAR(adjusted_rand_index(t, p), l.at("ari").get<double>(), 1e-6);
      EXPECT_NEAR(normalized_mutual_info(t, p), l.at("nmi").get<double>(), 1e-6);
    }
  }
}

TEST(ClusterMetrics, SingletonClusterScoresZero) {
  // Sample 2 is alone: its silhouette is 0; the others are perfect (a = 0).
  Eigen::MatrixXd X(5, 1);
  X << 0, 0, 50, 100, 100;
  EXPECT_NEAR(silhouette_score(X, {0, 0, 1, 2, 2}), 4.0 / 5.0, 1e-12);
}

TEST(ClusterMetrics, BadInputIsAnError) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Random(4, 2);
  EXPECT_THROW(silhouette_score(X, {0, 0, 0, 0}), Error);  // one cluster
  EXPECT_THROW(silhouette_score(X, {0, 1, 2, 3}), Error);  // n clusters
  EXPECT_THROW(silhouette_score(X, {0, 1, 1}), Error);     // wrong length
  EXPECT_THROW(purity_hungarian({0, 1}, {0}), Error);
  EXPECT_THROW(adjusted_rand_index({0, 1}, {0}), Error);
}

}  // namespace
}  // namespace nsmlab
