// The "h3" fragment of results.json as a type: run_h3 fills it, h3_result_json is its only
// writer and parse_h3_result its only reader (the synthesis, the report and the isotopies
// figure). A missing or mistyped key is an error naming it. docs/RESULTS.md documents every key.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "experiments/result_fields.h"

namespace nsmlab {

// The same isotopy detected by its exponents alone (synonyms left out): point estimates.
struct H3ExponentsOnly {
  int occurrences = 0;
  std::optional<int> best_component;  // 1-based; null when skipped
  std::optional<double> best_r;
  bool converges = false;
  bool operator==(const H3ExponentsOnly&) const = default;
};

struct H3Isotopy {
  std::string target;                         // the prime id of the isotopy
  std::vector<std::string> forms, synonyms;   // exponents (with inflections), synonyms
  int occurrences = 0;
  bool skipped = false;
  std::string reason;                         // why skipped (English); "" when analysed
  std::vector<std::optional<double>> r;       // Pearson r per component, PC1 first; empty when skipped
  std::optional<int> best_component;          // 1-based (1 = PC1); null when skipped
  std::optional<double> best_r, abs_best_r;
  bool converges = false;
  std::optional<double> p_value;
  H3ExponentsOnly exponents_only;
  bool operator==(const H3Isotopy&) const = default;
};

struct H3ExponentsOnlyRate {
  int converging = 0;
  std::optional<double> rate;  // over targets; null without targets
  bool operator==(const H3ExponentsOnlyRate&) const = default;
};

struct H3Result {
  std::string language;
  int n_sentences = 0, n_components = 0;
  std::vector<std::optional<double>> explained_variance_ratio;
  double threshold_r = 0, threshold_rate = 0;
  int min_occurrences = 0;
  int targets = 0, analysed = 0, converging = 0;
  std::string rate_denominator;
  std::optional<double> rate;  // converging / targets; null without targets
  bool validated = false;
  PermutationSummary significance;
  std::vector<H3Isotopy> isotopies;
  H3ExponentsOnlyRate exponents_only;
  std::vector<std::string> warnings;
  bool operator==(const H3Result&) const = default;
};

Json h3_result_json(const H3Result& h3);
H3Result parse_h3_result(const Json& h3, const std::string& where = "results.json: h3");

}  // namespace nsmlab
