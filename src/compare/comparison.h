// comparison.json (schema nsmlab.comparison/1, docs/RESULTS.md) from the per-model runs:
// each model's H1-H3 numbers, timings and memory in one row, and how much the models agree
// about the primes (representation_similarity.h) from their primes.npy.
#pragma once
#include <string>

#include "compare/comparison_metadata.h"
#include "compare/model_runs.h"
#include "util/json_file.h"

namespace nsmlab {

// Reads parent_dir/<folder>/results.json and primes.npy of every run; fails (naming the file)
// when one is missing or malformed or when the runs did not embed the same primes.
// `metadata` comes with the concurrency and memory filled; this adds the version, date and
// what the first model's results.json says (dataset, language, parameters) and writes it as
// "metadata" (the caller writes it again with the total time).
Json build_comparison(const ModelRunsOutcome& runs, const std::string& parent_dir, ComparisonMetadata& metadata);

}  // namespace nsmlab
