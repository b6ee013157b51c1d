// The synthesis: one line per experiment (hypothesis, key metric, verdict, p-value),
// as the original's summary table, and its fixed-width rendering for the terminal.
#pragma once
#include <string>

#include "util/json_file.h"

namespace nsmlab {

// The "synthesis" array of results.json from the h1/h2/h3 fragments; a fragment that is
// null (experiment not run) gives no row.
Json make_synthesis(const Json& h1, const Json& h2, const Json& h3);

// A fixed-width text table of a synthesis array, one experiment per row.
std::string synthesis_table(const Json& synthesis);

}  // namespace nsmlab
