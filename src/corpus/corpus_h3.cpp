#include "corpus/corpus_h3.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "experiments/h3_isotopies.h"
#include "experiments/isotopy_detector.h"
#include "util/error.h"

namespace nsmlab {

namespace {

constexpr Eigen::Index kBlockRows = 256;  // rows gathered before one matrix product

double pearson_from_sums(double n, double sp, double spp, double ss, double sss, double sps) {
  const double cov = sps - sp * ss / n, vp = spp - sp * sp / n, vs = sss - ss * ss / n;
  if (!(vp > 0) || !(vs > 0) || !std::isfinite(vp) || !std::isfinite(vs)) return std::numeric_limits<double>::quiet_NaN();
  return std::clamp(cov / std::sqrt(vp * vs), -1.0, 1.0);
}

size_t best_index(const std::vector<double>& r) {  // largest |r|, first on ties, NaN never wins (as run_h3)
  size_t best = 0;
  for (size_t c = 1; c < r.size(); ++c)
    if (std::abs(r[c]) > std::abs(r[best]) || std::isnan(r[best])) best = c;
  return best;
}

}  // namespace

CorpusPca corpus_pca(const Ranks& ranks, size_t columns, const CorpusRows& rows, int max_components) {
  const auto d = static_cast<Eigen::Index>(columns);
  if (d < 1) fail("corpus PCA: the embeddings have no columns");
  // (1) the mean
  Eigen::VectorXd sums = Eigen::VectorXd::Zero(d + 1);
  rows(false, [&](const float* row, const std::string&) {
    for (Eigen::Index j = 0; j < d; ++j) sums(j) += row[j];
    sums(d) += 1;
  });
  ranks.sum_all(sums.data(), static_cast<size_t>(sums.size()));
  CorpusPca p;
  p.rows = static_cast<size_t>(sums(d));
  if (p.rows < 2) fail("corpus PCA: needs at least 2 rows, the corpus has {}", p.rows);
  p.mean = sums.head(d).transpose() / sums(d);
  // (2) the covariance, from centred rows (no cancellation against a large mean)
  Eigen::MatrixXd cross = Eigen::MatrixXd::Zero(d, d), block(kBlockRows, d);
  Eigen::Index filled = 0;
  auto flush = [&] {
    if (filled == 0) return;
    cross.selfadjointView<Eigen::Lower>().rankUpdate(block.topRows(filled).transpose());
    filled = 0;
  };
  rows(false, [&](const float* row, const std::string&) {
    for (Eigen::Index j = 0; j < d; ++j) block(filled, j) = row[j] - p.mean(j);
    if (++filled == kBlockRows) flush();
  });
  flush();
  cross.triangularView<Eigen::StrictlyUpper>() = cross.transpose();
  ranks.sum_all(cross.data(), static_cast<size_t>(cross.size()));
  if (!cross.allFinite()) fail("corpus PCA: the embeddings hold NaN or infinite values");
  const Eigen::MatrixXd covariance = cross / double(p.rows - 1);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(covariance);
  if (eig.info() != Eigen::Success) fail("corpus PCA: the eigendecomposition of the covariance did not converge");
  const Eigen::Index k = std::min<Eigen::Index>({max_components, static_cast<Eigen::Index>(p.rows - 1), d});
  if (k < 1) fail("corpus PCA: max_components must be at least 1 (got {})", max_components);
  p.components.resize(k, d);
  p.explained_variance.resize(k);
  for (Eigen::Index c = 0; c < k; ++c) {  // eigenvalues ascending: the strongest last
    Eigen::VectorXd v = eig.eigenvectors().col(d - 1 - c);
    Eigen::Index at = 0;
    v.cwiseAbs().maxCoeff(&at);
    if (v(at) < 0) v = -v;
    p.components.row(c) = v.transpose();
    p.explained_variance(c) = std::max(0.0, eig.eigenvalues()(d - 1 - c));
  }
  const double total = covariance.trace();
  p.explained_variance_ratio = total > 0 ? Eigen::VectorXd(p.explained_variance / total) : Eigen::VectorXd::Zero(k);
  return p;
}

Json corpus_h3(const Ranks& ranks, size_t columns, const CorpusRows& rows, const Dataset& dataset,
               const std::string& language, const H3Options& options) {
  const CorpusPca pc = corpus_pca(ranks, columns, rows, options.max_components);
  const auto d = static_cast<Eigen::Index>(columns);
  const Eigen::Index k = pc.components.rows();
  const auto lexicon = h3_detection_lexicon(dataset, language);
  const IsotopyDetector detector(lexicon);
  const std::vector<std::string>& targets = dataset.isotopy_targets;
  const size_t T = targets.size();
  // (3) sums, laid out for one reduction: [sum s_c, sum s_c^2] (2k), then per target
  // [count, sum p s_c (k)].
  const size_t per_target = 1 + static_cast<size_t>(k);
  std::vector<double> sums(2 * static_cast<size_t>(k) + T * per_target, 0.0);
  Eigen::VectorXd x(d), s(k);
  rows(true, [&](const float* row, const std::string& text) {
    for (Eigen::Index j = 0; j < d; ++j) x(j) = row[j] - pc.mean(j);
    s.noalias() = pc.components * x;
    for (Eigen::Index c = 0; c < k; ++c) {
      sums[static_cast<size_t>(c)] += s(c);
      sums[static_cast<size_t>(k + c)] += s(c) * s(c);
    }
    for (size_t t = 0; t < T; ++t) {
      if (!detector.has_target(targets[t]) || !detector.contains(targets[t], text)) continue;
      double* at = &sums[2 * static_cast<size_t>(k) + t * per_target];
      at[0] += 1;
      for (Eigen::Index c = 0; c < k; ++c) at[1 + c] += s(c);
    }
  });
  ranks.sum_all(sums.data(), sums.size());

  const double n = static_cast<double>(pc.rows);
  const auto lex_it = dataset.isotopy_lexicons.find(language);
  const auto syn_it = dataset.isotopy_synonyms.find(language);
  Json warnings = Json::array(), isotopies = Json::array();
  if (lex_it == dataset.isotopy_lexicons.end())
    warnings.push_back("H3: the dataset has no isotopy lexicon for language '" + language + "'");
  int converging = 0;
  size_t analysed = 0;
  for (size_t t = 0; t < T; ++t) {
    const std::string& target = targets[t];
    std::vector<std::string> forms, synonyms;
    if (lex_it != dataset.isotopy_lexicons.end() && lex_it->second.count(target)) forms = lex_it->second.at(target);
    if (syn_it != dataset.isotopy_synonyms.end() && syn_it->second.count(target)) synonyms = syn_it->second.at(target);
    const double* at = &sums[2 * static_cast<size_t>(k) + t * per_target];
    const auto occurrences = static_cast<long long>(std::llround(at[0]));
    Json entry = {{"target", target}, {"forms", forms}, {"synonyms", synonyms}, {"occurrences", occurrences},
                  {"skipped", false}, {"reason", ""}, {"r", Json::array()}, {"best_component", nullptr},
                  {"best_r", nullptr}, {"abs_best_r", nullptr}, {"converges", false}, {"p_value", nullptr}};
    const std::string reason = isotopy_skip_reason(!forms.empty(), target, language, occurrences,
                                                   options.min_occurrences, pc.rows);  // run_h3's rules
    if (!reason.empty()) {
      entry["skipped"] = true;
      entry["reason"] = reason;
      warnings.push_back("H3: isotopy '" + target + "' skipped: " + reason);
      isotopies.push_back(entry);
      continue;
    }
    std::vector<double> r;
    for (Eigen::Index c = 0; c < k; ++c)
      r.push_back(pearson_from_sums(n, at[0], at[0], sums[static_cast<size_t>(c)], sums[static_cast<size_t>(k + c)],
                                    at[1 + c]));
    const size_t best = best_index(r);
    const bool converges = std::abs(r[best]) > options.r_threshold;
    converging += converges ? 1 : 0;
    ++analysed;
    entry["r"] = r;
    entry["best_component"] = best + 1;
    entry["best_r"] = r[best];
    entry["abs_best_r"] = std::abs(r[best]);
    entry["converges"] = converges;
    isotopies.push_back(entry);
  }
  Json result = {{"language", language},
                 {"n_sentences", pc.rows},
                 {"n_components", k},
                 {"explained_variance", std::vector<double>(pc.explained_variance.data(), pc.explained_variance.data() + k)},
                 {"explained_variance_ratio", std::vector<double>(pc.explained_variance_ratio.data(),
                                                                  pc.explained_variance_ratio.data() + k)},
                 {"threshold_r", options.r_threshold},
                 {"threshold_rate", options.rate_threshold},
                 {"min_occurrences", options.min_occurrences},
                 {"targets", T},
                 {"analysed", analysed},
                 {"converging", converging},
                 {"rate_denominator", "targets (skipped isotopies count, as in the original)"},
                 {"isotopies", isotopies},
                 {"warnings", warnings}};
  result["rate"] = T ? Json(static_cast<double>(converging) / static_cast<double>(T)) : Json(nullptr);
  result["validated"] = T ? static_cast<double>(converging) / static_cast<double>(T) > options.rate_threshold : false;
  result["significance"] = {{"permutations", 0}, {"p_value", nullptr},
                            {"why", "not computed by the corpus-wide H3: a permutation shuffles the whole corpus"}};
  return result;
}

}  // namespace nsmlab
