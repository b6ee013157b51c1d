#include "experiments/h2_squares.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <random>

#include "analysis/eigen_bridge.h"
#include "analysis/resampling.h"
#include "analysis/statistics.h"
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

  Json squares = Json::array(), skipped = Json::array(), warnings = Json::array();
  std::vector<SquareGeometry> geometry;
  std::vector<double> valid_flags;
  int ties = 0;
  for (const Square& sq : dataset.squares) {
    const std::array<const std::string*, 4> ids = {&sq.s1, &sq.s2, &sq.non_s1, &sq.non_s2};
    std::string missing;
    for (const std::string* id : ids) {
      if (!row_of.count(*id)) missing += (missing.empty() ? "" : ", ") + *id;
    }
    if (!missing.empty()) {
      std::string reason = "unknown prime(s) " + missing + " (not among the encoded primes)";
      skipped.push_back({{"name", sq.name}, {"reason", reason}});
      warnings.push_back("H2: square '" + sq.name + "' skipped: " + reason);
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
    ties += std::string(decision(m)) == "tie" ? 1 : 0;
    geometry.push_back(g);
    valid_flags.push_back(valid ? 1.0 : 0.0);
    squares.push_back({{"name", sq.name},
                       {"s1", sq.s1},
                       {"s2", sq.s2},
                       {"non_s1", sq.non_s1},
                       {"non_s2", sq.non_s2},
                       {"rationale", sq.rationale},
                       {"strength", sq.strength},
                       {"note", sq.note},
                       {"contraries", g.d[kS1][kS2]},
                       {"contradictory_s1", g.d[kS1][kNonS1]},
                       {"contradictory_s2", g.d[kS2][kNonS2]},
                       {"complementary", g.d[kNonS1][kS2]},
                       {"mean_contradictories", (g.d[kS1][kNonS1] + g.d[kS2][kNonS2]) / 2},
                       {"margin", m},
                       {"decision", decision(m)},
                       {"valid", valid}});
  }

  const size_t analysed = geometry.size();
  const int valid = static_cast<int>(std::count(valid_flags.begin(), valid_flags.end(), 1.0));
  Json result = {{"analysed", analysed}, {"valid", valid}, {"ties", ties}, {"tie_tolerance", kSquareTieTolerance},
                 {"threshold", options.rate_threshold},
                 {"skipped", skipped}, {"squares", squares}, {"warnings", warnings}};
  // The same count on the squares the dataset rates "sound" (docs/DATASET.md): a rate that
  // does not lean on stand-in or neutral corners. rate is null when none is sound.
  int sound = 0, sound_valid = 0;
  for (const Json& s : squares) {
    if (s["strength"] != "sound") continue;
    ++sound;
    sound_valid += s["valid"].get<bool>() ? 1 : 0;
  }
  result["sound"] = {{"analysed", sound}, {"valid", sound_valid},
                     {"rate", sound ? Json(static_cast<double>(sound_valid) / sound) : Json(nullptr)}};
  if (analysed == 0) {
    result["warnings"].push_back("H2: no square could be analysed");
    result["rate"] = nullptr;
    result["validated"] = false;
    result["significance"] = {{"permutations", 0}, {"p_value", nullptr}};
    result["ci"] = {{"level", significance.level}, {"rate", Json::array({nullptr, nullptr})}};
    return result;
  }
  const double rate = static_cast<double>(valid) / static_cast<double>(analysed);

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

  result["rate"] = rate;
  result["validated"] = rate > options.rate_threshold;
  result["significance"] = {{"permutations", significance.permutations},
                            {"null", "the four primes of each square dealt to the four roles at random"},
                            {"p_value", perm.p_value}};
  result["ci"] = {{"level", significance.level},
                  {"resamples", significance.bootstrap},
                  {"rate", boot.samples.empty() ? Json::array({nullptr, nullptr})
                                                : Json::array({boot.interval.low, boot.interval.high})}};
  return result;
}

}  // namespace nsmlab
