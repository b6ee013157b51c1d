// The per-model runs of `nsmlab run --models`: each model's usual `run` (results.json,
// embeddings, figures, report) in its own subfolder, each in a child process of its own.
// A child process isolates the runs from each other (threads, a crash, memory) and gives each
// model the kernel's own count of its peak resident memory (wait4's ru_maxrss), exact even
// when several run at once.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "hub/model_resolver.h"
#include "runner/run_options.h"

namespace nsmlab {

struct ModelRunPlan {
  std::string spec;             // as given to --models
  ResolvedModel model;          // what it names (resolved once by the parent)
  std::string folder;           // subfolder of the output folder
  uint64_t estimated_bytes = 0; // estimate_run_resident_bytes
};

struct ModelRunRecord {
  ModelRunPlan plan;
  double wall_s = 0;            // the child process, start to exit, seen by the parent
  uint64_t peak_rss_bytes = 0;  // ru_maxrss of the child
};

struct ModelRunsOutcome {
  std::vector<ModelRunRecord> runs;    // in the order of the plans
  int concurrency = 1;
  // Largest sum of the running children's VmRSS, sampled every kRssSampleMs: the peak of
  // the whole comparison, measured rather than estimated (sampling may miss a short spike).
  uint64_t peak_total_rss_bytes = 0;
  uint64_t parent_rss_bytes = 0;       // VmRSS of this process when the children started
};

inline constexpr int kRssSampleMs = 20;

// Runs `base` once per plan with --model plan.spec and --output parent_dir/plan.folder,
// `concurrency` children at a time. With several at a time and no --threads, each child gets
// an equal share of the cores and no progress bars. A failing child stops the starting of
// others; the error names the model (its own message is on stderr above).
// The caller must not have used OpenMP yet: a forked child cannot use the parent's thread pool.
ModelRunsOutcome run_models_in_children(const std::vector<ModelRunPlan>& plans, const RunOptions& base,
                                        const std::string& parent_dir, int concurrency);

}  // namespace nsmlab
