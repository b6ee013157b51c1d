// The synthesis: one line per experiment (hypothesis, key metric, verdict, p-value),
// as the original's summary table, and its fixed-width rendering for the terminal.
#pragma once
#include <string>

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

// The "synthesis" array of results.json from the h1/h2/h3 fragments; a fragment that is
// null (experiment not run) gives no row. Each row: experiment, hypothesis, metric,
// p_value (null when the permutation test was not run or could not be computed),
// permutations, validated (the threshold rule), verdict (verdict_key).
Json make_synthesis(const Json& h1, const Json& h2, const Json& h3, bool lexical_baseline = false);

// The terminal table of a synthesis array, one experiment per row, at most 100 columns
// for the built-in hypotheses. `color`: ANSI colours (green validated, red refuted, grey
// not applicable), for a terminal only.
std::string synthesis_table(const Json& synthesis, bool color = false);

}  // namespace nsmlab
