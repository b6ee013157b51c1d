#include "experiments/h1_clustering.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "analysis/cluster_metrics.h"
#include "analysis/eigen_bridge.h"
#include "analysis/resampling.h"
#include "experiment_fixture.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::expected;
using testing::fixture_matrix;
using testing::panini;
using testing::prime_pointers;
using testing::quick_significance;

TEST(H1, FixtureRowsFollowTheDatasetOrder) {
  std::vector<std::string> ids;
  for (const Prime& p : panini().primes) ids.push_back(p.id);
  EXPECT_EQ(ids, expected()["prime_ids"].get<std::vector<std::string>>());
}

TEST(H1, CategoryLabelsFollowChartOrderAndSkipUnusedCategories) {
  const CategoryLabels c = category_labels(prime_pointers(panini()), panini());
  EXPECT_EQ(c.categories.size(), 11u);  // the reference colours list 13, the primes use 11
  ASSERT_EQ(c.labels.size(), 54u);
  for (size_t i = 0; i < 54; ++i) EXPECT_EQ(c.categories[c.labels[i]], panini().primes[i].category);
}

// Purity, silhouette, ARI and NMI of sklearn's own k-means labels, as the notebook
// computes them, on embeddings where k-means optima differ between implementations.
TEST(H1, ScoresOfSklearnLabelsMatchTheOriginal) {
  const Json& e = expected()["h1_weak"];
  const auto X = to_eigen(fixture_matrix("prime_embeddings_weak.npy"));
  const CategoryLabels c = category_labels(prime_pointers(panini()), panini());
  const ClusteringScores s = score_clustering(X, c.labels, e["sklearn_labels"].get<std::vector<int>>());
  EXPECT_NEAR(s.purity, e["purity"].get<double>(), 1e-9);
  EXPECT_NEAR(s.silhouette, e["silhouette"].get<double>(), 1e-6);
  EXPECT_NEAR(s.ari, e["ari"].get<double>(), 1e-6);
  EXPECT_NEAR(s.nmi, e["nmi"].get<double>(), 1e-6);
  EXPECT_LT(s.purity, 0.9);  // a non-trivial case
}

// The scikit-learn mode prints the notebook's own clustering, label for label, where
// k-means optima differ between implementations (the fixture's labels come from
// KMeans(n_clusters=11, n_init=20, random_state=42) of scikit-learn 1.2).
TEST(H1, SklearnModeReproducesSklearnLabels) {
  const Json& e = expected()["h1_weak"];
  H1Options options;
  options.kmeans = "sklearn-1.2";
  const Json h1 = run_h1(fixture_matrix("prime_embeddings_weak.npy"), prime_pointers(panini()), panini(), options,
                         quick_significance());
  std::vector<int> clusters;
  for (const Json& p : h1["points"]) clusters.push_back(p["cluster"].get<int>());
  EXPECT_EQ(clusters, e["sklearn_labels"].get<std::vector<int>>());
  EXPECT_EQ(h1["kmeans"], "sklearn-1.2");
  EXPECT_NEAR(h1["purity"].get<double>(), e["purity"].get<double>(), 1e-12);
  EXPECT_NEAR(h1["silhouette"].get<double>(), e["silhouette"].get<double>(), 1e-6);
}

TEST(H1, RefusesWhatScikitLearnRefuses) {
  const Matrix X = fixture_matrix("prime_embeddings.npy");
  H1Options options;
  options.tsne_perplexity = 54;  // not less than the 54 primes: TSNE raises
  EXPECT_THROW(run_h1(X, prime_pointers(panini()), panini(), options, quick_significance()), Error);
  options = H1Options{};
  options.kmeans = "scikit";
  EXPECT_THROW(run_h1(X, prime_pointers(panini()), panini(), options, quick_significance()), Error);
  options.kmeans = "sklearn";
  options.seed = uint64_t(1) << 32;  // numpy seeds are 32-bit
  EXPECT_THROW(run_h1(X, prime_pointers(panini()), panini(), options, quick_significance()), Error);
}

TEST(H1, RunMatchesTheOriginalOnClearCategories) {
  const Json& e = expected()["h1"];
  const Json h1 = run_h1(fixture_matrix("prime_embeddings.npy"), prime_pointers(panini()), panini(), H1Options{},
                         quick_significance());
  EXPECT_EQ(h1["n"], 54);
  EXPECT_EQ(h1["k"], e["k"]);
  // Clear categories: every k-means finds the same partition as sklearn's.
  EXPECT_NEAR(h1["purity"].get<double>(), e["purity"].get<double>(), 1e-9);
  EXPECT_NEAR(h1["ari"].get<double>(), e["ari"].get<double>(), 1e-6);
  EXPECT_NEAR(h1["nmi"].get<double>(), e["nmi"].get<double>(), 1e-6);
  EXPECT_NEAR(h1["silhouette"].get<double>(), e["silhouette"].get<double>(), 1e-6);
  EXPECT_NEAR(h1["category_silhouette"].get<double>(), e["category_silhouette"].get<double>(), 1e-6);
  EXPECT_NEAR(h1["inertia"].get<double>(), e["inertia"].get<double>(), 1e-5);
  // purity 1 but silhouette 0.37 < 0.5: refuted, as the original would say.
  EXPECT_FALSE(h1["validated"].get<bool>());
  EXPECT_EQ(h1["thresholds"]["purity"], 0.7);

  const Json& sig = h1["significance"];
  EXPECT_EQ(sig["permutations"], 200);
  EXPECT_NEAR(sig["purity_p"].get<double>(), 1.0 / 201, 1e-12);  // no shuffle reaches purity 1
  EXPECT_NEAR(sig["ari_p"].get<double>(), 1.0 / 201, 1e-12);
  EXPECT_NEAR(sig["nmi_p"].get<double>(), 1.0 / 201, 1e-12);
  EXPECT_NEAR(sig["category_silhouette_p"].get<double>(), 1.0 / 201, 1e-12);

  const Json& ci = h1["ci"];
  EXPECT_EQ(ci["level"], 0.95);
  EXPECT_EQ(ci["purity"][0], 1.0);  // the k-means labels are the categories on every resample
  EXPECT_LE(ci["silhouette"][0].get<double>(), ci["silhouette"][1].get<double>());
  EXPECT_GT(ci["silhouette"][1].get<double>(), 0.2);
  // A confidence interval is centred on its estimate (a bootstrap with duplicated primes was not).
  const double sil = h1["silhouette"].get<double>();
  EXPECT_LT(ci["silhouette"][0].get<double>(), sil);
  EXPECT_GT(ci["silhouette"][1].get<double>(), sil);
  EXPECT_NEAR((ci["silhouette"][0].get<double>() + ci["silhouette"][1].get<double>()) / 2, sil, 1e-12);

  ASSERT_EQ(h1["points"].size(), 54u);
  EXPECT_EQ(h1["points"][0]["id"], "JE");
  EXPECT_EQ(h1["points"][0]["category"], "SUBSTANTIFS");
  EXPECT_TRUE(h1["points"][0]["x"].is_number());
  EXPECT_GT(h1["tsne"]["trustworthiness"].get<double>(), 0.8);
  EXPECT_EQ(h1["tsne"]["perplexity_used"], 20.0);  // as scikit-learn: not capped
  EXPECT_EQ(h1["category_colors"]["SUBSTANTIFS"], "#FF6B6B");
  EXPECT_FALSE(h1["category_colors"].contains("TEMPS"));

  // Each cluster is one category, each matched to its majority.
  ASSERT_EQ(h1["clusters"].size(), 11u);
  std::set<std::string> matched;
  size_t members = 0;
  for (const Json& c : h1["clusters"]) {
    EXPECT_EQ(c["majority_category"], c["matched_category"]);
    EXPECT_EQ(c["size"], c["members"].size());
    matched.insert(c["matched_category"].get<std::string>());
    members += c["members"].size();
    for (const Json& id : c["members"]) {
      EXPECT_EQ(panini().find_prime(id.get<std::string>())->category, c["majority_category"]);
    }
  }
  EXPECT_EQ(matched.size(), 11u);
  EXPECT_EQ(members, 54u);
}

// Tight categories pass both thresholds.
TEST(H1, ValidatedWhenCategoriesAreTightAndPure) {
  const Dataset& data = panini();
  const CategoryLabels c = category_labels(prime_pointers(data), data);
  std::mt19937_64 rng(7);
  std::normal_distribution<float> noise(0.0f, 0.01f);
  Matrix m(54, 16);
  for (size_t i = 0; i < 54; ++i) {
    for (size_t j = 0; j < 16; ++j) m(i, j) = noise(rng) + (static_cast<int>(j) == c.labels[i] ? 1.0f : 0.0f);
  }
  const Json h1 = run_h1(m, prime_pointers(data), data, H1Options{}, quick_significance());
  EXPECT_EQ(h1["purity"], 1.0);
  EXPECT_GT(h1["silhouette"].get<double>(), 0.9);
  EXPECT_TRUE(h1["validated"].get<bool>());
}

// With categories dealt at random over the same points, purity drops and is not significant.
TEST(H1, ShuffledCategoriesAreNotSignificant) {
  Dataset data = panini();
  std::mt19937_64 rng(3);
  std::vector<std::string> cats;
  for (const Prime& p : data.primes) cats.push_back(p.category);
  std::shuffle(cats.begin(), cats.end(), rng);
  for (size_t i = 0; i < cats.size(); ++i) data.primes[i].category = cats[i];
  const Json h1 = run_h1(fixture_matrix("prime_embeddings.npy"), prime_pointers(data), data, H1Options{},
                         quick_significance());
  EXPECT_LT(h1["purity"].get<double>(), 0.5);
  EXPECT_GT(h1["significance"]["purity_p"].get<double>(), 0.05);
  EXPECT_GT(h1["significance"]["category_silhouette_p"].get<double>(), 0.05);
  EXPECT_FALSE(h1["validated"].get<bool>());
}

// The jackknife intervals are those of the direct computation (n silhouettes of n-1 primes),
// now computed in O(n^2); and they can be turned off, which results.json then says.
TEST(H1, JackknifeIntervalsMatchTheDirectComputationAndCanBeTurnedOff) {
  const Matrix m = fixture_matrix("prime_embeddings_weak.npy");
  const Json h1 = run_h1(m, prime_pointers(panini()), panini(), H1Options{}, quick_significance());
  const Json& ci = h1["ci"];
  EXPECT_EQ(ci["computed"], true);
  std::vector<int> clusters;
  for (const Json& p : h1["points"]) clusters.push_back(p["cluster"].get<int>());
  const std::vector<int> truth = category_labels(prime_pointers(panini()), panini()).labels;
  const Eigen::MatrixXd D = euclidean_distances(to_eigen(m));
  auto without = [](std::vector<int> v, const std::vector<size_t>& idx) {
    std::vector<int> out;
    for (size_t i : idx) out.push_back(v[i]);
    return out;
  };
  const JackknifeResult sil = jackknife(54, h1["silhouette"].get<double>(), 0.95, [&](const std::vector<size_t>& idx) {
    const std::vector<Eigen::Index> keep(idx.begin(), idx.end());
    return silhouette_score_precomputed(D(keep, keep), without(clusters, idx));
  });
  const JackknifeResult pur = jackknife(54, h1["purity"].get<double>(), 0.95, [&](const std::vector<size_t>& idx) {
    return purity_hungarian(without(truth, idx), without(clusters, idx));
  });
  EXPECT_NEAR(ci["silhouette_se"].get<double>(), sil.standard_error, 1e-12);
  EXPECT_NEAR(ci["silhouette"][0].get<double>(), sil.interval.low, 1e-12);
  EXPECT_NEAR(ci["silhouette"][1].get<double>(), sil.interval.high, 1e-12);
  EXPECT_EQ(ci["purity_se"].get<double>(), pur.standard_error);
  EXPECT_GT(pur.standard_error, 0.0);  // a non-trivial case: purity changes with the prime left out
  EXPECT_EQ(ci["purity"][0].get<double>(), pur.interval.low);

  SignificanceOptions off = quick_significance();
  off.jackknife = false;
  const Json h1_off = run_h1(m, prime_pointers(panini()), panini(), H1Options{}, off);
  EXPECT_EQ(h1_off["ci"]["computed"], false);
  EXPECT_TRUE(h1_off["ci"]["purity"].is_null());  // not zeros, not an interval
  EXPECT_TRUE(h1_off["ci"]["silhouette"].is_null());
  EXPECT_FALSE(h1_off["ci"].contains("silhouette_se"));
  EXPECT_NE(h1_off["ci"]["method"].get<std::string>().find("not computed"), std::string::npos);
  EXPECT_EQ(h1_off["purity"], h1["purity"]);  // everything else unchanged
  EXPECT_EQ(h1_off["significance"], h1["significance"]);
}

TEST(H1, RejectsMismatchedInput) {
  Matrix m(10, 4);
  EXPECT_THROW(run_h1(m, prime_pointers(panini()), panini(), H1Options{}, quick_significance()), Error);
  // One category only: nothing to cluster.
  Dataset one = panini();
  for (Prime& p : one.primes) p.category = "SAME";
  EXPECT_THROW(run_h1(fixture_matrix("prime_embeddings.npy"), prime_pointers(one), one, H1Options{},
                      quick_significance()),
               Error);
}

}  // namespace
}  // namespace nsmlab
