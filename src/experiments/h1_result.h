// The "h1" fragment of results.json as a type: run_h1 fills it, h1_result_json is its only
// writer and parse_h1_result its only reader (the synthesis, the report and the t-SNE figure),
// so that a renamed or missing key is an error naming it, never an empty cell.
// docs/RESULTS.md documents every key; a test checks that each key written is documented.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "experiments/result_fields.h"

namespace nsmlab {

struct H1Point {
  std::string id, label, category;
  int cluster = 0;
  double x = 0, y = 0;  // t-SNE coordinates
  bool operator==(const H1Point&) const = default;
};

struct H1Cluster {
  int cluster = 0;
  int size = 0;
  std::optional<std::string> majority_category, matched_category;  // null: empty cluster / no match
  std::vector<std::string> members;                                // prime ids
  bool operator==(const H1Cluster&) const = default;
};

// Label-shuffling permutation p-values (null when not computable).
struct H1Significance {
  int permutations = 0;  // 0: not computed
  std::string null_hypothesis;
  std::optional<double> purity_p, ari_p, nmi_p, category_silhouette_p, silhouette_p;
  bool operator==(const H1Significance&) const = default;
};

// Jackknife intervals. Not computed (--no-jackknife): resamples and the standard errors are
// left out of the JSON and the intervals are null.
struct H1Intervals {
  bool computed = false;
  double level = 0.95;
  std::string method;
  int resamples = 0;
  std::optional<double> purity_se, silhouette_se;
  ResultInterval purity, silhouette;
  bool operator==(const H1Intervals&) const = default;
};

struct H1Tsne {
  double perplexity_used = 0;
  std::optional<double> trustworthiness;
  int n_neighbors = 0;
  bool operator==(const H1Tsne&) const = default;
};

struct H1Result {
  int n = 0, k = 0;
  std::optional<double> purity, silhouette, category_silhouette, ari, nmi, inertia;
  std::string kmeans;  // which k-means (H1Options::kmeans)
  bool validated = false;
  double purity_threshold = 0, silhouette_threshold = 0;  // key "thresholds"
  H1Significance significance;
  H1Intervals ci;
  std::vector<std::string> categories;
  std::map<std::string, std::string> category_colors;  // the dataset's, where it has one
  std::vector<H1Point> points;
  H1Tsne tsne;
  std::vector<H1Cluster> clusters;
  std::vector<std::string> warnings;
  bool operator==(const H1Result&) const = default;
};

Json h1_result_json(const H1Result& h1);
// `where` names the fragment in errors, e.g. "results.json: h1".
H1Result parse_h1_result(const Json& h1, const std::string& where = "results.json: h1");

}  // namespace nsmlab
