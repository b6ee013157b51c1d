// `nsmlab run`: dataset -> encoder -> H1/H2/H3 -> results.json, embeddings, plots and
// reports, written into a staged folder that appears only when everything is done.
#pragma once
#include <string>
#include <vector>

#include "runner/run_options.h"
#include "util/json_file.h"

namespace nsmlab {

struct RunOutcome {
  Json results;                       // what results.json holds
  std::string output_dir;
  std::vector<std::string> files;     // written, relative to output_dir
  std::vector<std::string> warnings;  // e.g. skipped squares
};

RunOutcome run_experiments(const RunOptions& options);

// The terminal summary: synthesis table, notice, warnings, where the files are.
std::string run_summary(const RunOutcome& outcome);

}  // namespace nsmlab
