#include "experiments/h2_squares.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <random>

#include "analysis/eigen_bridge.h"
#include "analysis/resampling.h"
#include "analysis/statistics.h"
#include "experiments/h2_result.h"
#include "util/error.h"

namespace nsmlab {

namespace {

// The four primes of an analysed square in role order S1, S2, non_S1, non_S2, and their
// pairwise cosine distances (kept to re-test the square under shuffled roles).
struct SquareGeometry {
  std::array<std::array<double, 4>, 4> d{};
};

enum Role { kS1 = 0, kS2 = 1, kNonS1 = 2, kNonS2 = 3 };

// How much closer the contraries are than the nearer contradictory, with the roles given by
// `r` (r[role] = which prime plays it). The original's criterion is margin > 0.
double margin(const SquareGeometry& g, const std::array<int, 4>& r) {
  return std::min(g.d[r[kS1]][r[kNonS1]], g.d[r[kS2]][r[kNonS2]]) - g.d[r[kS1]][r[kS2]];
}

// Valid only when the margin is resolved: a tie is not evidence (observed and null alike).
bool is_valid(const SquareGeometry& g, const std::array<int, 4>& r) { return margin(g, r) > kSquareTieTolerance; }

const char* decision(double m) {
  return m > kSquareTieTolerance ? "valid" : m < -kSquareTieTolerance ? "invalid" : "tie";
}

}  // namespace

Json run_h2(const Matrix& prime_embeddings, const std::vector<const Prime*>& primes, const Dataset& dataset,
            const H2Options& options, const SignificanceOptions& significance) {
  if (prime_embeddings.rows != primes.size()) {
    fail("H2: {} prime embeddings for {} primes (expected one row per prime)", prime_embeddings.rows, primes.size());
  }
  const Eigen::MatrixXd X = to_eigen(prime_embeddings);
  std::map<std::string, Eigen::Index> row_of;
  for (size_t i = 0; i < primes.size(); ++i) row_of.emplace(primes[i]->id, static_cast<Eigen::Index>(i));

  H2Result h;
  h.tie_tolerance = kSquareTieTolerance;
  h.threshold = options.rate_threshold;
  h.ci.level = significance.level;
  h.significance.null_hypothesis = "the four primes of each square dealt to the four roles at random";
  std::vector<SquareGeometry> geometry;
  std::vector<double> valid_flags;
  for (const Square& sq : dataset.squares) {
    const std::array<const std::string*, 4> ids = {&sq.s1, &sq.s2, &sq.non_s1, &sq.non_s2};
    std::string missing;
    for (const std::string* id : ids) {
      if (!row_of.count(*id)) missing += (missing.empty() ? "" : ", ") + *id;
    }
    if (!missing.empty()) {
      std::string reason = "unknown prime(s) " + missing + " (not among the encoded primes)";
      h.warnings.push_back("H2: square '" + sq.name + "' skipped: " + reason);
      h.skipped.push_back({sq.name, std::move(reason)});
      continue;
    }
    SquareGeometry g;
    for (int a = 0; a < 4; ++a) {
      for (int b = 0; b < 4; ++b) {
        g.d[a][b] = a == b ? 0.0
                           : cosine_distance(X.row(row_of[*ids[a]]).transpose(), X.row(row_of[*ids[b]]).transpose());
      }
    }
    const double m = margin(g, {kS1, kS2, kNonS1, kNonS2});
    const bool valid = is_valid(g, {kS1, kS2, kNonS1, kNonS2});
    h.ties += std::string(decision(m)) == "tie" ? 1 : 0;
    geometry.push_back(g);
    valid_flags.push_back(valid ? 1.0 : 0.0);
    h.squares.push_back({sq.name, sq.s1, sq.s2, sq.non_s1, sq.non_s2, sq.rationale, sq.strength, sq.note,
                         g.d[kS1][kS2], g.d[kS1][kNonS1], g.d[kS2][kNonS2], g.d[kNonS1][kS2],
                         (g.d[kS1][kNonS1] + g.d[kS2][kNonS2]) / 2, m, decision(m), valid});
  }

  const size_t analysed = geometry.size();
  h.analysed = static_cast<int>(analysed);
  h.valid = static_cast<int>(std::count(valid_flags.begin(), valid_flags.end(), 1.0));
  // The same count on the squares the dataset rates "sound" (docs/DATASET.md): a rate that
  // does not lean on stand-in or neutral corners. rate is null when none is sound.
  for (const H2Square& s : h.squares) {
    if (s.strength != "sound") continue;
    ++h.sound.analysed;
    h.sound.valid += s.valid ? 1 : 0;
  }
  if (h.sound.analysed) h.sound.rate = static_cast<double>(h.sound.valid) / h.sound.analysed;
  if (analysed == 0) {  // no test drawn: permutations and resamples stay 0, rate and p-value null
    h.warnings.push_back("H2: no square could be analysed");
    return h2_result_json(h);
  }
  const double rate = static_cast<double>(h.valid) / static_cast<double>(analysed);

  // Null: within each square the four primes are dealt to the four roles at random.
  PermutationResult perm = permutation_test(rate, significance.permutations, significance.seed,
      [&geometry](std::mt19937_64& rng) {
        int hits = 0;
        std::array<int, 4> roles;
        for (const SquareGeometry& g : geometry) {
          roles = {kS1, kS2, kNonS1, kNonS2};
          std::shuffle(roles.begin(), roles.end(), rng);
          hits += is_valid(g, roles) ? 1 : 0;
        }
        return static_cast<double>(hits) / static_cast<double>(geometry.size());
      });
  BootstrapResult boot = bootstrap(analysed, significance.bootstrap, significance.seed, significance.level,
      [&valid_flags](const std::vector<size_t>& idx) {
        double s = 0;
        for (size_t i : idx) s += valid_flags[i];
        return idx.empty() ? std::numeric_limits<double>::quiet_NaN() : s / static_cast<double>(idx.size());
      });

  h.rate = rate;
  h.validated = rate > options.rate_threshold;
  h.significance.permutations = significance.permutations;
  h.significance.p_value = perm.p_value;
  h.ci.resamples = significance.bootstrap;
  if (!boot.samples.empty()) h.ci.rate = {boot.interval.low, boot.interval.high};
  return h2_result_json(h);
}

}  // namespace nsmlab
