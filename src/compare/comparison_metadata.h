// The "metadata" object of comparison.json (schema nsmlab.comparison/1) as a type: the
// comparison fills it, comparison_metadata_json is its only writer and
// parse_comparison_metadata its only reader (the comparison report and the terminal summary),
// so that a renamed or missing key is an error naming it, never a "?". What it copies from the
// first model's results.json goes through the results contract's own types
// (experiments/metadata_result.h). docs/RESULTS.md, "comparison.json", lists the keys.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "experiments/metadata_result.h"
#include "util/json_file.h"

namespace nsmlab {

struct ComparisonConcurrency {
  std::string requested;  // --concurrent as given: "auto" or a number
  int models = 1;         // how many ran at once
  std::string reason;     // one sentence for the report
  int cores = 1;
  bool operator==(const ComparisonConcurrency&) const = default;
};

struct ComparisonMemory {
  std::string method, estimate_method;
  uint64_t peak_total_rss_bytes = 0;
  std::string peak_total_method;
  uint64_t parent_rss_bytes = 0;
  std::optional<uint64_t> mem_available_bytes;  // null: MemAvailable unknown
  bool operator==(const ComparisonMemory&) const = default;
};

struct ComparisonMetadata {
  std::string nsmlab_version, created;
  // Of the first model's run (every model ran with the same options).
  DatasetMetadata dataset;
  std::string language;
  RunParameters parameters;
  ComparisonConcurrency concurrency;
  ComparisonMemory memory;
  double total_seconds = 0;  // key timings_s.total: the whole comparison
};

Json comparison_metadata_json(const ComparisonMetadata& metadata);
ComparisonMetadata parse_comparison_metadata(const Json& metadata, const std::string& where = "comparison.json: metadata");

}  // namespace nsmlab
