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
#include "experiments/h1_result.h"
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

ResultInterval jackknife_interval(const JackknifeResult& j) {
  if (std::isnan(j.standard_error)) return {};
  return {j.interval.low, j.interval.high};
}

// Confidence intervals by the jackknife (leave one prime out, keep the k-means labels): a
// bootstrap would duplicate primes, and duplicates raise both purity and silhouette.
H1Intervals jackknife_intervals(const Eigen::MatrixXd& D, const std::vector<int>& truth, const std::vector<int>& clusters,
                                const ClusteringScores& scores, const SignificanceOptions& significance) {
  H1Intervals ci;
  ci.level = significance.level;
  if (!significance.jackknife) {
    ci.method = "not computed (turned off with --no-jackknife)";
    return ci;
  }
  const JackknifeResult purity = jackknife_from(leave_one_out_purities(truth, clusters), scores.purity, significance.level);
  const JackknifeResult silhouette =
      jackknife_from(leave_one_out_silhouettes(D, clusters), scores.silhouette, significance.level);
  ci.computed = true;
  ci.method = "jackknife (leave one prime out), normal approximation";
  ci.resamples = static_cast<int>(truth.size());
  ci.purity_se = purity.standard_error;
  ci.silhouette_se = silhouette.standard_error;
  ci.purity = jackknife_interval(purity);
  ci.silhouette = jackknife_interval(silhouette);
  return ci;
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

  H1Result h;
  h.n = static_cast<int>(n);
  h.k = k;
  h.purity = scores.purity;
  h.silhouette = scores.silhouette;
  h.category_silhouette = category_silhouette;
  h.ari = scores.ari;
  h.nmi = scores.nmi;
  h.inertia = km.inertia;
  h.kmeans = options.kmeans;
  h.validated = validated;
  h.purity_threshold = options.purity_threshold;
  h.silhouette_threshold = options.silhouette_threshold;
  h.significance = {perms, "category labels shuffled over the primes; k-means clustering fixed", purity_p.p_value,
                    ari_p.p_value, nmi_p.p_value, cat_sil_p.p_value,
                    // The k-means silhouette ignores the categories: its p-value is the categories' one.
                    cat_sil_p.p_value};
  h.ci = jackknife_intervals(D, truth, clusters, scores, significance);
  h.categories = cats.categories;
  h.tsne = {ts_info.perplexity_used, trust, neighbours};

  // Clusters: who is in them, their majority category and their Hungarian match.
  const Eigen::MatrixXd counts = category_cluster_counts(truth, clusters, k);
  const std::vector<int> match = hungarian_maximize(counts);  // category row -> cluster column
  for (int c = 0; c < k; ++c) {
    H1Cluster cluster;
    cluster.cluster = c;
    for (size_t i = 0; i < n; ++i) {
      if (clusters[i] == c) cluster.members.push_back(primes[i]->id);
    }
    cluster.size = static_cast<int>(cluster.members.size());
    if (!cluster.members.empty()) {
      Eigen::Index best = 0;
      counts.col(c).maxCoeff(&best);
      cluster.majority_category = cats.categories[best];
    }
    for (int row = 0; row < k; ++row) {
      if (row < static_cast<int>(match.size()) && match[row] == c) cluster.matched_category = cats.categories[row];
    }
    h.clusters.push_back(std::move(cluster));
  }
  for (size_t i = 0; i < n; ++i)
    h.points.push_back({primes[i]->id, primes[i]->id, primes[i]->category, clusters[i], Y(i, 0), Y(i, 1)});
  for (const std::string& c : cats.categories) {
    auto it = dataset.category_colors.find(c);
    if (it != dataset.category_colors.end()) h.category_colors[c] = it->second;
  }
  return h1_result_json(h);
}

}  // namespace nsmlab
