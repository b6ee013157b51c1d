// The "h2" fragment of results.json as a type: run_h2 fills it, h2_result_json is its only
// writer and parse_h2_result its only reader (the synthesis, the report and the squares
// figure). A missing or mistyped key is an error naming it. docs/RESULTS.md documents every key.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "experiments/result_fields.h"

namespace nsmlab {

// One analysed square: its corners (prime ids), the dataset's texts, the cosine distances
// (null where undefined), margin = nearer contradictory - contraries, and the decision.
struct H2Square {
  std::string name, s1, s2, non_s1, non_s2;
  std::string rationale, strength, note;  // strength "sound", "weak" or "" (unrated dataset)
  std::optional<double> contraries, contradictory_s1, contradictory_s2, complementary, mean_contradictories, margin;
  std::string decision;  // "valid", "invalid" or "tie" (the reader refuses anything else)
  bool valid = false;
  bool operator==(const H2Square&) const = default;
};

struct H2Skipped {
  std::string name, reason;
  bool operator==(const H2Skipped&) const = default;
};

// The same count over the squares the dataset rates "sound"; rate null when none is.
struct H2SoundSubset {
  int analysed = 0, valid = 0;
  std::optional<double> rate;
  bool operator==(const H2SoundSubset&) const = default;
};

// Bootstrap interval of the rate over squares.
struct H2Interval {
  double level = 0.95;
  int resamples = 0;
  ResultInterval rate;
  bool operator==(const H2Interval&) const = default;
};

struct H2Result {
  int analysed = 0, valid = 0, ties = 0;
  double tie_tolerance = 0, threshold = 0;
  std::optional<double> rate;  // valid / analysed; null when nothing was analysed
  bool validated = false;
  PermutationSummary significance;
  H2Interval ci;
  std::vector<H2Square> squares;
  std::vector<H2Skipped> skipped;
  H2SoundSubset sound;
  std::vector<std::string> warnings;
  bool operator==(const H2Result&) const = default;
};

Json h2_result_json(const H2Result& h2);
H2Result parse_h2_result(const Json& h2, const std::string& where = "results.json: h2");

}  // namespace nsmlab
