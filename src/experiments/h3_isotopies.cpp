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
#include "experiments/h3_result.h"
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

  H3Result h;
  h.language = language;
  h.n_sentences = static_cast<int>(n);
  h.n_components = components;
  h.explained_variance_ratio.assign(pc.explained_variance_ratio.data(), pc.explained_variance_ratio.data() + components);
  h.threshold_r = options.r_threshold;
  h.threshold_rate = options.rate_threshold;
  h.min_occurrences = options.min_occurrences;
  h.rate_denominator = "targets (skipped isotopies count, as in the original)";
  h.significance.null_hypothesis = "sentences shuffled against the principal components";
  static const std::map<std::string, std::vector<std::string>> kNoLexicon;
  auto lex_it = dataset.isotopy_lexicons.find(language);
  const auto& exponents = lex_it == dataset.isotopy_lexicons.end() ? kNoLexicon : lex_it->second;
  if (lex_it == dataset.isotopy_lexicons.end()) {
    h.warnings.push_back("H3: the dataset has no isotopy lexicon for language '" + language + "'");
  }
  // A target is detected by its exponents (with inflections) and by its synonyms, as the
  // original's single lexicon did; results.json lists both kinds of forms apart.
  auto syn_it = dataset.isotopy_synonyms.find(language);
  const auto& synonyms = syn_it == dataset.isotopy_synonyms.end() ? kNoLexicon : syn_it->second;
  const IsotopyDetector detector(h3_detection_lexicon(dataset, language));
  const IsotopyDetector exponent_detector(exponents);  // the NSM detection: no synonyms
  std::vector<std::string> texts;
  for (const CorpusSentence& s : corpus) texts.push_back(s.text);

  const size_t targets = dataset.isotopy_targets.size();
  h.targets = static_cast<int>(targets);
  std::vector<Eigen::VectorXd> analysed_presence;  // for the global null
  for (size_t t = 0; t < targets; ++t) {
    H3Isotopy entry;
    entry.target = dataset.isotopy_targets[t];
    const std::string& target = entry.target;
    auto forms_it = exponents.find(target);
    if (forms_it != exponents.end()) entry.forms = forms_it->second;
    auto syn_forms = synonyms.find(target);
    if (syn_forms != synonyms.end()) entry.synonyms = syn_forms->second;
    std::vector<int> presence = detector.has_target(target) ? detector.presence(target, texts) : std::vector<int>(n, 0);
    entry.occurrences = std::accumulate(presence.begin(), presence.end(), 0);
    // The same isotopy detected by its exponents alone (synonyms left out): point estimates,
    // with the same skip rules, so both detections can be reported.
    if (exponent_detector.has_target(target)) {
      const std::vector<int> found = exponent_detector.presence(target, texts);
      const int count = std::accumulate(found.begin(), found.end(), 0);
      entry.exponents_only.occurrences = count;
      if (count >= options.min_occurrences && static_cast<size_t>(count) < n) {
        Eigen::VectorXd q(n);
        for (size_t i = 0; i < n; ++i) q(i) = found[i];
        const std::vector<double> r = correlations(q, pc.scores);
        const size_t best = best_index(r);
        entry.exponents_only.best_component = static_cast<int>(best) + 1;
        entry.exponents_only.best_r = r[best];
        entry.exponents_only.converges = std::abs(r[best]) > options.r_threshold;
        h.exponents_only.converging += entry.exponents_only.converges ? 1 : 0;
      }
    }
    entry.reason = isotopy_skip_reason(!entry.forms.empty(), target, language, entry.occurrences,
                                       options.min_occurrences, n);
    if (!entry.reason.empty()) {
      entry.skipped = true;
      h.warnings.push_back("H3: isotopy '" + target + "' skipped: " + entry.reason);
      h.isotopies.push_back(std::move(entry));
      continue;
    }
    Eigen::VectorXd p(n);
    for (size_t i = 0; i < n; ++i) p(i) = presence[i];
    const std::vector<double> r = correlations(p, pc.scores);
    const size_t best = best_index(r);
    const double abs_best = std::abs(r[best]);
    entry.converges = abs_best > options.r_threshold;
    h.converging += entry.converges ? 1 : 0;
    analysed_presence.push_back(p);
    PermutationResult perm = permutation_test(abs_best, significance.permutations, significance.seed + t,
        [&p, &pc](std::mt19937_64& rng) {
          Eigen::VectorXd q = p;
          std::shuffle(q.data(), q.data() + q.size(), rng);
          return max_abs_r(q, pc.scores);
        });
    entry.r.assign(r.begin(), r.end());
    entry.best_component = static_cast<int>(best) + 1;
    entry.best_r = r[best];
    entry.abs_best_r = abs_best;
    entry.p_value = perm.p_value;
    h.isotopies.push_back(std::move(entry));
  }
  h.analysed = static_cast<int>(analysed_presence.size());
  if (targets == 0) return h3_result_json(h);  // no test drawn: rate and p-value null, permutations 0
  h.exponents_only.rate = static_cast<double>(h.exponents_only.converging) / static_cast<double>(targets);
  const double rate = static_cast<double>(h.converging) / static_cast<double>(targets);
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
  h.rate = rate;
  h.validated = rate > options.rate_threshold;
  h.significance.permutations = significance.permutations;
  h.significance.p_value = global.p_value;
  return h3_result_json(h);
}

}  // namespace nsmlab
