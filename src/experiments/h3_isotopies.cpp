#include "experiments/h3_isotopies.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "analysis/eigen_bridge.h"
#include "analysis/pca.h"
#include "analysis/resampling.h"
#include "analysis/statistics.h"
#include "experiments/isotopy_detector.h"
#include "util/error.h"

namespace nsmlab {

namespace {

// Pearson r of `presence` with each principal component.
std::vector<double> correlations(const Eigen::VectorXd& presence, const Eigen::MatrixXd& scores) {
  std::vector<double> r;
  for (Eigen::Index c = 0; c < scores.cols(); ++c) r.push_back(pearson_r(presence, scores.col(c)));
  return r;
}

// Index of the largest |r| (NaN never wins).
size_t best_index(const std::vector<double>& r) {
  size_t best = 0;
  for (size_t c = 1; c < r.size(); ++c) {
    if (std::abs(r[c]) > std::abs(r[best]) || std::isnan(r[best])) best = c;
  }
  return best;
}

double max_abs_r(const Eigen::VectorXd& presence, const Eigen::MatrixXd& scores) {
  std::vector<double> r = correlations(presence, scores);
  double m = 0;
  for (double v : r) {
    if (!std::isnan(v)) m = std::max(m, std::abs(v));
  }
  return m;
}

Eigen::VectorXd permuted(const Eigen::VectorXd& v, const std::vector<size_t>& order) {
  Eigen::VectorXd out(v.size());
  for (size_t i = 0; i < order.size(); ++i) out(i) = v(order[i]);
  return out;
}

}  // namespace

std::string isotopy_skip_reason(bool has_forms, const std::string& target, const std::string& language,
                                long long occurrences, long long min_occurrences, size_t sentences) {
  if (!has_forms) return "no lexicon forms for '" + target + "' in language '" + language + "'";
  if (occurrences < min_occurrences)
    return std::to_string(occurrences) + " occurrence(s), fewer than the " + std::to_string(min_occurrences) + " required";
  if (static_cast<size_t>(occurrences) == sentences) return "present in every sentence: correlation undefined";
  return "";
}

std::map<std::string, std::vector<std::string>> h3_detection_lexicon(const Dataset& dataset, const std::string& language) {
  std::map<std::string, std::vector<std::string>> lexicon;
  const auto lex_it = dataset.isotopy_lexicons.find(language);
  if (lex_it == dataset.isotopy_lexicons.end()) return lexicon;
  lexicon = lex_it->second;
  const auto syn_it = dataset.isotopy_synonyms.find(language);
  if (syn_it == dataset.isotopy_synonyms.end()) return lexicon;
  for (const auto& [target, forms] : syn_it->second) {
    if (!lex_it->second.count(target)) continue;  // synonyms alone do not make a lexicon
    lexicon[target].insert(lexicon[target].end(), forms.begin(), forms.end());
  }
  return lexicon;
}

Json run_h3(const Matrix& corpus_embeddings, const std::vector<CorpusSentence>& corpus, const Dataset& dataset,
            const std::string& language, const H3Options& options, const SignificanceOptions& significance) {
  const size_t n = corpus.size();
  if (corpus_embeddings.rows != n) {
    fail("H3: {} corpus embeddings for {} sentences (expected one row per sentence)", corpus_embeddings.rows, n);
  }
  if (n < 3) fail("H3: the '{}' corpus has {} sentences; at least 3 are needed for PCA and correlations", language, n);
  const Eigen::MatrixXd Y = to_eigen(corpus_embeddings);
  const int components = static_cast<int>(std::min<Eigen::Index>(
      {static_cast<Eigen::Index>(options.max_components), static_cast<Eigen::Index>(n - 1), Y.cols()}));
  if (components < 1) fail("H3: max_components must be at least 1 (got {})", options.max_components);
  const PcaResult pc = pca(Y, components);

  Json warnings = Json::array();
  static const std::map<std::string, std::vector<std::string>> kNoLexicon;
  auto lex_it = dataset.isotopy_lexicons.find(language);
  const auto& exponents = lex_it == dataset.isotopy_lexicons.end() ? kNoLexicon : lex_it->second;
  if (lex_it == dataset.isotopy_lexicons.end()) {
    warnings.push_back("H3: the dataset has no isotopy lexicon for language '" + language + "'");
  }
  // A target is detected by its exponents (with inflections) and by its synonyms, as the
  // original's single lexicon did; results.json lists both kinds of forms apart.
  auto syn_it = dataset.isotopy_synonyms.find(language);
  const auto& synonyms = syn_it == dataset.isotopy_synonyms.end() ? kNoLexicon : syn_it->second;
  const IsotopyDetector detector(h3_detection_lexicon(dataset, language));
  const IsotopyDetector exponent_detector(exponents);  // the NSM detection: no synonyms
  int converging_exponents = 0;
  std::vector<std::string> texts;
  for (const CorpusSentence& s : corpus) texts.push_back(s.text);

  const size_t targets = dataset.isotopy_targets.size();
  Json isotopies = Json::array();
  std::vector<Eigen::VectorXd> analysed_presence;  // for the global null
  int converging = 0;
  for (size_t t = 0; t < targets; ++t) {
    const std::string& target = dataset.isotopy_targets[t];
    auto forms_it = exponents.find(target);
    const std::vector<std::string> forms = forms_it == exponents.end() ? std::vector<std::string>{} : forms_it->second;
    auto syn_forms = synonyms.find(target);
    std::vector<int> presence = detector.has_target(target) ? detector.presence(target, texts) : std::vector<int>(n, 0);
    const int occurrences = std::accumulate(presence.begin(), presence.end(), 0);
    Json entry = {{"target", target}, {"forms", forms},
                  {"synonyms", syn_forms == synonyms.end() ? Json::array() : Json(syn_forms->second)},
                  {"occurrences", occurrences}, {"skipped", false},
                  {"reason", ""}, {"r", Json::array()}, {"best_component", nullptr}, {"best_r", nullptr},
                  {"abs_best_r", nullptr}, {"converges", false}, {"p_value", nullptr}};
    // The same isotopy detected by its exponents alone (synonyms left out): point estimates,
    // with the same skip rules, so both detections can be reported.
    Json alone = {{"occurrences", 0}, {"best_component", nullptr}, {"best_r", nullptr}, {"converges", false}};
    if (exponent_detector.has_target(target)) {
      const std::vector<int> found = exponent_detector.presence(target, texts);
      const int count = std::accumulate(found.begin(), found.end(), 0);
      alone["occurrences"] = count;
      if (count >= options.min_occurrences && static_cast<size_t>(count) < n) {
        Eigen::VectorXd q(n);
        for (size_t i = 0; i < n; ++i) q(i) = found[i];
        const std::vector<double> r = correlations(q, pc.scores);
        const size_t best = best_index(r);
        const bool converges = std::abs(r[best]) > options.r_threshold;
        alone["best_component"] = best + 1;
        alone["best_r"] = r[best];
        alone["converges"] = converges;
        converging_exponents += converges ? 1 : 0;
      }
    }
    entry["exponents_only"] = alone;
    const std::string reason = isotopy_skip_reason(!forms.empty(), target, language, occurrences,
                                                   options.min_occurrences, n);
    if (!reason.empty()) {
      entry["skipped"] = true;
      entry["reason"] = reason;
      warnings.push_back("H3: isotopy '" + target + "' skipped: " + reason);
      isotopies.push_back(entry);
      continue;
    }
    Eigen::VectorXd p(n);
    for (size_t i = 0; i < n; ++i) p(i) = presence[i];
    const std::vector<double> r = correlations(p, pc.scores);
    const size_t best = best_index(r);
    const double abs_best = std::abs(r[best]);
    const bool converges = abs_best > options.r_threshold;
    converging += converges ? 1 : 0;
    analysed_presence.push_back(p);
    PermutationResult perm = permutation_test(abs_best, significance.permutations, significance.seed + t,
        [&p, &pc](std::mt19937_64& rng) {
          Eigen::VectorXd q = p;
          std::shuffle(q.data(), q.data() + q.size(), rng);
          return max_abs_r(q, pc.scores);
        });
    entry["r"] = r;
    entry["best_component"] = best + 1;
    entry["best_r"] = r[best];
    entry["abs_best_r"] = abs_best;
    entry["converges"] = converges;
    entry["p_value"] = perm.p_value;
    isotopies.push_back(entry);
  }

  Json result = {{"language", language},
                 {"n_sentences", n},
                 {"n_components", components},
                 {"explained_variance_ratio", std::vector<double>(pc.explained_variance_ratio.data(),
                                                                  pc.explained_variance_ratio.data() + components)},
                 {"threshold_r", options.r_threshold},
                 {"threshold_rate", options.rate_threshold},
                 {"min_occurrences", options.min_occurrences},
                 {"targets", targets},
                 {"analysed", analysed_presence.size()},
                 {"converging", converging},
                 {"rate_denominator", "targets (skipped isotopies count, as in the original)"},
                 {"isotopies", isotopies},
                 {"warnings", warnings}};
  result["exponents_only"] = {
      {"converging", converging_exponents},
      {"rate", targets ? Json(static_cast<double>(converging_exponents) / static_cast<double>(targets)) : Json(nullptr)}};
  if (targets == 0) {
    result["rate"] = nullptr;
    result["validated"] = false;
    result["significance"] = {{"permutations", 0}, {"p_value", nullptr}};
    return result;
  }
  const double rate = static_cast<double>(converging) / static_cast<double>(targets);
  // Null for the rate: the sentences' order is shuffled against the components, the same
  // shuffle for every isotopy, so that their co-occurrences are kept.
  PermutationResult global = permutation_test(rate, significance.permutations, significance.seed,
      [&](std::mt19937_64& rng) {
        std::vector<size_t> order(n);
        std::iota(order.begin(), order.end(), size_t{0});
        std::shuffle(order.begin(), order.end(), rng);
        int hits = 0;
        for (const Eigen::VectorXd& p : analysed_presence) {
          hits += max_abs_r(permuted(p, order), pc.scores) > options.r_threshold ? 1 : 0;
        }
        return static_cast<double>(hits) / static_cast<double>(targets);
      });
  result["rate"] = rate;
  result["validated"] = rate > options.rate_threshold;
  result["significance"] = {{"permutations", significance.permutations},
                            {"null", "sentences shuffled against the principal components"},
                            {"p_value", global.p_value}};
  return result;
}

}  // namespace nsmlab
