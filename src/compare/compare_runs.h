// `nsmlab run --models A,B,...`: every model's usual run in a subfolder of one output folder,
// then the comparison report beside them (comparison_report.h). The output folder is staged
// and appears whole, like a single run's.
#pragma once
#include <string>
#include <vector>

#include "runner/run_options.h"
#include "util/json_file.h"

namespace nsmlab {

struct ComparisonRequest {
  std::vector<std::string> models;  // as --model takes them: folders, hub ids, short names
  std::string concurrent = "1";     // "auto" or a number (concurrency.h)
};

struct ComparisonOutcome {
  Json comparison;                  // what comparison.json holds
  std::string output_dir;
  std::vector<std::string> files;   // written, relative to output_dir
};

// `run` holds every other option of `nsmlab run`; its model_dir and lexical are not used.
ComparisonOutcome run_comparison(const RunOptions& run, const ComparisonRequest& request);

// The terminal summary: one line per model and where the files are.
std::string comparison_summary(const ComparisonOutcome& outcome);

}  // namespace nsmlab
