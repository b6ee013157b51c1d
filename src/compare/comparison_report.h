// The comparison report of `nsmlab run --models`: comparison.html (self-contained),
// comparison.md, the two agreement heatmaps (agreement_cka / agreement_rsa, .png and .svg)
// and comparison.json, all from the comparison document (comparison.h).
#pragma once
#include <string>

#include "util/json_file.h"

namespace nsmlab {

// Writes every file above into `dir`, each atomically, comparison.json last.
void write_comparison_files(const Json& comparison, const std::string& dir);

}  // namespace nsmlab
