// The synthesis: one line per experiment (hypothesis, key metric, verdict, p-value),
// as the original's summary table, and its fixed-width rendering for the terminal.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "util/json_file.h"

namespace nsmlab {

// What a run may say about a hypothesis. A lexical baseline measures shared character
// n-grams, not meaning: its numbers neither validate nor refute anything.
enum class Verdict { validated, refuted, not_applicable };

// "validated", "refuted", "not_applicable": the synthesis rows' "verdict" field.
const char* verdict_key(Verdict v);
// The inverse; throws nsmlab::Error naming `where` for any other text.
Verdict parse_verdict(const std::string& key, const std::string& where);
Verdict verdict_of(bool threshold_met, bool lexical_baseline);

// One row of results.json's "synthesis" array: the typed contract between the run that
// writes it, the terminal table and the report. synthesis_row_json is its only writer and
// parse_synthesis_row its only reader, so a renamed or missing key is an error, never a
// silently empty cell.
struct SynthesisRow {
  std::string experiment;          // "H1", "H2", "H3"
  std::string hypothesis;          // short English text (the terminal's; the report has its own words)
  std::string metric;              // short English text, e.g. "purity 0.61, silhouette 0.12"
  std::optional<double> p_value;   // empty (null): no permutation drawn, or not computable
  int permutations = 0;            // 0: the p-value was not computed
  bool validated = false;          // the threshold rule was met
  Verdict verdict = Verdict::refuted;
};

Json synthesis_row_json(const SynthesisRow& row);
// Every field is required with its type (p_value may be null); nsmlab::Error names `where`
// and the field otherwise.
SynthesisRow parse_synthesis_row(const Json& row, const std::string& where);
// The whole array ("results.json: synthesis" in messages).
std::vector<SynthesisRow> parse_synthesis(const Json& rows, const std::string& where = "results.json: synthesis");

// The "synthesis" array of results.json from the h1/h2/h3 fragments, read with their strict
// readers (h1_result.h, ...: a fragment missing a key is an error); a fragment that is null
// (experiment not run) gives no row. Each row: experiment, hypothesis, metric,
// p_value (null when the permutation test was not run or could not be computed),
// permutations, validated (the threshold rule), verdict (verdict_key).
Json make_synthesis(const Json& h1, const Json& h2, const Json& h3, bool lexical_baseline = false);

// The terminal table of a synthesis array, one experiment per row, at most 100 columns
// for the built-in hypotheses. `color`: ANSI colours (green validated, red refuted, grey
// not applicable), for a terminal only.
std::string synthesis_table(const Json& synthesis, bool color = false);

}  // namespace nsmlab
