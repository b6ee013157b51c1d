#include "experiments/h1_clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <set>

#include "analysis/assignment.h"
#include "analysis/cluster_metrics.h"
#include "analysis/eigen_bridge.h"
#include "analysis/kmeans.h"
#include "analysis/kmeans_sklearn.h"
#include "analysis/leave_one_out.h"
#include "analysis/resampling.h"
#include "analysis/statistics.h"
#include "analysis/tsne.h"
#include "util/error.h"

namespace nsmlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Silhouette is undefined unless there are 2..n-1 distinct labels (sklearn raises):
// resampled or shuffled sets can fall outside, and then count as missing (NaN).
bool silhouette_defined(const std::vector<int>& labels) {
  const std::set<int> distinct(labels.begin(), labels.end());
  return distinct.size() >= 2 && distinct.size() + 1 <= labels.size();
}

double silhouette_or_nan(const Eigen::MatrixXd& X, const std::vector<int>& labels) {
  return silhouette_defined(labels) ? silhouette_score(X, labels) : kNaN;
}

// The same from precomputed distances (the thousands of resampled silhouettes reuse them).
double silhouette_or_nan_precomputed(const Eigen::MatrixXd& D, const std::vector<int>& labels) {
  return silhouette_defined(labels) ? silhouette_score_precomputed(D, labels) : kNaN;
}

// k x k table: rows true categories, columns clusters (built here so that empty
// clusters keep their column and indices stay the labels themselves).
Eigen::MatrixXd category_cluster_counts(const std::vector<int>& truth, const std::vector<int>& clusters, int k) {
  Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(k, k);
  for (size_t i = 0; i < truth.size(); ++i) counts(truth[i], clusters[i]) += 1;
  return counts;
}

Json interval_json(const JackknifeResult& j) {
  if (std::isnan(j.standard_error)) return Json::array({nullptr, nullptr});
  return Json::array({j.interval.low, j.interval.high});
}

// Confidence intervals by the jackknife (leave one prime out, keep the k-means labels): a
// bootstrap would duplicate primes, and duplicates raise both purity and silhouette.
Json jackknife_json(const Eigen::MatrixXd& D, const std::vector<int>& truth, const std::vector<int>& clusters,
                    const ClusteringScores& scores, const SignificanceOptions& significance) {
  if (!significance.jackknife) {
    return {{"computed", false},
            {"level", significance.level},
            {"method", "not computed (turned off with --no-jackknife)"},
            {"purity", nullptr},
            {"silhouette", nullptr}};
  }
  const JackknifeResult purity = jackknife_from(leave_one_out_purities(truth, clusters), scores.purity, significance.level);
  const JackknifeResult silhouette =
      jackknife_from(leave_one_out_silhouettes(D, clusters), scores.silhouette, significance.level);
  return {{"computed", true},
          {"level", significance.level},
          {"method", "jackknife (leave one prime out), normal approximation"},
          {"resamples", truth.size()},
          {"purity_se", purity.standard_error},
          {"silhouette_se", silhouette.standard_error},
          {"purity", interval_json(purity)},
          {"silhouette", interval_json(silhouette)}};
}

// The k-means the options name (see H1Options::kmeans).
KMeansResult cluster_primes(const Eigen::MatrixXd& X, int k, const H1Options& options) {
  if (options.kmeans == "nsmlab") {
    KMeansOptions km_opt;
    km_opt.k = k;
    km_opt.n_init = options.n_init;
    km_opt.seed = options.seed;
    return kmeans(X, km_opt);
  }
  const auto version = parse_sklearn_kmeans_version(options.kmeans);
  if (!version) fail("H1: unknown k-means \"{}\" (expected {})", options.kmeans, kH1KMeansChoices);
  if (options.seed > 0xFFFFFFFFull)
    fail("H1: the scikit-learn k-means takes a seed between 0 and 2^32 - 1 (numpy's rule), got {}", options.seed);
  SklearnKMeansOptions opt;
  opt.k = k;
  opt.n_init = options.n_init;
  opt.seed = static_cast<uint32_t>(options.seed);
  opt.version = *version;
  return kmeans_sklearn(X, opt);
}

}  // namespace

CategoryLabels category_labels(const std::vector<const Prime*>& primes, const Dataset& dataset) {
  std::vector<std::string> seen;
  for (const Prime* p : primes) {
    if (std::find(seen.begin(), seen.end(), p->category) == seen.end()) seen.push_back(p->category);
  }
  CategoryLabels out;
  for (const std::string& c : dataset.categories) {
    if (std::find(seen.begin(), seen.end(), c) != seen.end()) out.categories.push_back(c);
  }
  for (const std::string& c : seen) {
    if (std::find(out.categories.begin(), out.categories.end(), c) == out.categories.end()) out.categories.push_back(c);
  }
  for (const Prime* p : primes) {
    auto it = std::find(out.categories.begin(), out.categories.end(), p->category);
    out.labels.push_back(static_cast<int>(it - out.categories.begin()));
  }
  return out;
}

ClusteringScores score_clustering(const Eigen::MatrixXd& X, const std::vector<int>& truth,
                                  const std::vector<int>& clusters) {
  ClusteringScores s;
  s.purity = purity_hungarian(truth, clusters);
  s.silhouette = silhouette_or_nan(X, clusters);
  s.ari = adjusted_rand_index(truth, clusters);
  s.nmi = normalized_mutual_info(truth, clusters);
  return s;
}

Json run_h1(const Matrix& prime_embeddings, const std::vector<const Prime*>& primes, const Dataset& dataset,
            const H1Options& options, const SignificanceOptions& significance) {
  const size_t n = primes.size();
  if (prime_embeddings.rows != n) {
    fail("H1: {} prime embeddings for {} primes (expected one row per prime)", prime_embeddings.rows, n);
  }
  const CategoryLabels cats = category_labels(primes, dataset);
  const int k = static_cast<int>(cats.categories.size());
  if (k < 2 || static_cast<size_t>(k) >= n) {
    fail("H1: needs at least 2 categories and more primes than categories; got {} primes in {} categories", n, k);
  }
  if (!(options.tsne_perplexity > 0) || options.tsne_perplexity >= double(n)) {
    fail("H1: the t-SNE perplexity must be > 0 and less than the number of primes ({}), as scikit-learn requires; "
         "got {} (lower --perplexity)", n, options.tsne_perplexity);
  }
  const Eigen::MatrixXd X = to_eigen(prime_embeddings);
  const std::vector<int>& truth = cats.labels;

  const KMeansResult km = cluster_primes(X, k, options);
  const std::vector<int>& clusters = km.labels;
  const ClusteringScores scores = score_clustering(X, truth, clusters);
  const double category_silhouette = silhouette_or_nan(X, truth);
  const bool validated = scores.purity > options.purity_threshold && scores.silhouette > options.silhouette_threshold;

  // Significance: the null shuffles which prime carries which category; the clustering
  // stays fixed. The k-means silhouette does not depend on the categories, so its
  // label-shuffling null is that of the categories' own silhouette.
  const Eigen::MatrixXd D = euclidean_distances(X);
  auto shuffled = [&truth](std::mt19937_64& rng) {
    std::vector<int> t = truth;
    std::shuffle(t.begin(), t.end(), rng);
    return t;
  };
  const int perms = significance.permutations;
  const uint64_t seed = significance.seed;
  PermutationResult purity_p = permutation_test(scores.purity, perms, seed,
      [&](std::mt19937_64& rng) { return purity_hungarian(shuffled(rng), clusters); });
  PermutationResult ari_p = permutation_test(scores.ari, perms, seed,
      [&](std::mt19937_64& rng) { return adjusted_rand_index(shuffled(rng), clusters); });
  PermutationResult nmi_p = permutation_test(scores.nmi, perms, seed,
      [&](std::mt19937_64& rng) { return normalized_mutual_info(shuffled(rng), clusters); });
  PermutationResult cat_sil_p = permutation_test(category_silhouette, perms, seed,
      [&](std::mt19937_64& rng) { return silhouette_or_nan_precomputed(D, shuffled(rng)); });

  const Json ci = jackknife_json(D, truth, clusters, scores, significance);

  // t-SNE for the plot, and how faithfully it keeps neighbourhoods.
  TsneOptions ts_opt;
  ts_opt.dims = 2;
  ts_opt.perplexity = options.tsne_perplexity;
  ts_opt.max_iter = options.tsne_iter;
  ts_opt.seed = options.seed;
  TsneInfo ts_info;
  const Eigen::MatrixXd Y = tsne(X, ts_opt, &ts_info);
  const int neighbours = std::max(1, std::min(5, static_cast<int>(n - 1) / 2));
  const double trust = trustworthiness(X, Y, neighbours);

  // Clusters: who is in them, their majority category and their Hungarian match.
  const Eigen::MatrixXd counts = category_cluster_counts(truth, clusters, k);
  const std::vector<int> match = hungarian_maximize(counts);  // category row -> cluster column
  Json cluster_list = Json::array();
  for (int c = 0; c < k; ++c) {
    Json members = Json::array();
    for (size_t i = 0; i < n; ++i) {
      if (clusters[i] == c) members.push_back(primes[i]->id);
    }
    Json majority = nullptr, matched = nullptr;
    if (!members.empty()) {
      Eigen::Index best = 0;
      counts.col(c).maxCoeff(&best);
      majority = cats.categories[best];
    }
    for (int row = 0; row < k; ++row) {
      if (row < static_cast<int>(match.size()) && match[row] == c) matched = cats.categories[row];
    }
    cluster_list.push_back({{"cluster", c}, {"size", members.size()}, {"majority_category", majority},
                            {"matched_category", matched}, {"members", members}});
  }

  Json points = Json::array();
  for (size_t i = 0; i < n; ++i) {
    points.push_back({{"id", primes[i]->id}, {"label", primes[i]->id}, {"category", primes[i]->category},
                      {"cluster", clusters[i]}, {"x", Y(i, 0)}, {"y", Y(i, 1)}});
  }
  Json colors = Json::object();
  for (const std::string& c : cats.categories) {
    auto it = dataset.category_colors.find(c);
    if (it != dataset.category_colors.end()) colors[c] = it->second;
  }

  return {
      {"n", n},
      {"k", k},
      {"purity", scores.purity},
      {"silhouette", scores.silhouette},
      {"category_silhouette", category_silhouette},
      {"ari", scores.ari},
      {"nmi", scores.nmi},
      {"inertia", km.inertia},
      {"kmeans", options.kmeans},
      {"validated", validated},
      {"thresholds", {{"purity", options.purity_threshold}, {"silhouette", options.silhouette_threshold}}},
      {"significance",
       {{"permutations", perms},
        {"null", "category labels shuffled over the primes; k-means clustering fixed"},
        {"purity_p", purity_p.p_value},
        {"ari_p", ari_p.p_value},
        {"nmi_p", nmi_p.p_value},
        {"category_silhouette_p", cat_sil_p.p_value},
        // The k-means silhouette ignores the categories: its p-value is the categories' one.
        {"silhouette_p", cat_sil_p.p_value}}},
      {"ci", ci},
      {"categories", cats.categories},
      {"category_colors", colors},
      {"points", points},
      {"tsne", {{"perplexity_used", ts_info.perplexity_used}, {"trustworthiness", trust}, {"n_neighbors", neighbours}}},
      {"clusters", cluster_list},
      {"warnings", Json::array()},
  };
}

}  // namespace nsmlab
