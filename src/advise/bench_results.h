// What `nsmlab bench` measured on this machine, as written to its JSON output and to the
// cache `advise` calibrates on. One schema ("nsmlab-bench/1"), one cache path.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "advise/work_model.h"
#include "backend/precision.h"
#include "util/json_file.h"

namespace nsmlab {

// bench packs each workload into encoder calls of at most this many tokens (nsmlab's default).
inline constexpr size_t kBenchBatchTokens = 8192;
// The workload that measures what one encoder call costs beyond its FLOPs (primitive creation
// for a new row count, thread start-up, pooling): a few small batches, each a row count not
// seen before. advise calibrates on it together with another workload (estimator.h).
inline constexpr const char* kBatchOverheadWorkload = "batch-overhead";

// One workload (the 65 primes, the corpus, 1000 sentences, ...) on one backend.
struct WorkloadResult {
  std::string workload;  // "primes", "corpus", "sentences-1000", "batch-overhead", "experiments", "four-models"
  size_t sentences = 0;
  size_t batches = 0;    // encoder calls
  LengthProfile lengths;
  double seconds = 0;   // encoding only (tokenising included)
  double gflop = 0;     // from the work model
  double sentences_per_s() const { return seconds > 0 ? double(sentences) / seconds : 0; }
  double tokens_per_s() const { return seconds > 0 ? double(sentences) * lengths.mean_tokens / seconds : 0; }
  double gflop_per_s() const { return seconds > 0 ? gflop / seconds : 0; }
};

struct BackendResult {
  std::string backend;  // "cpu-fp32"
  Precision precision = Precision::Fp32;
  std::string description;  // what ran (instruction set, library)
  double load_s = 0;
  double peak_rss_mib = 0;   // VmHWM of the child process that measured this backend
  std::string error;         // non-empty: this backend could not be measured, and why
  std::vector<WorkloadResult> workloads;
  const WorkloadResult* find(const std::string& workload) const;
};

struct ModelBench {
  std::string name;  // folder or ORG/NAME
  bool random_weights = false;
  WorkModel shape;
  double weights_file_bytes = 0;  // the fp32 file load_s read
  std::vector<BackendResult> backends;
};

struct BenchResults {
  std::string created;    // UTC, ISO 8601
  std::string cpu_model;  // /proc/cpuinfo "model name"
  int threads = 0;
  double load_average = 0;  // /proc/loadavg's 1-minute figure when bench started: other work skews timings
  std::map<Precision, double> gemm_peak_gflops;  // tight GEMM per precision on this machine
  double memory_bandwidth_gb_s = 0;
  double memory_gb = 0;
  double experiments_cpu_s = 0;  // the three experiments' own analysis on the built-in dataset, not encoding
  std::vector<ModelBench> models;
};

Json bench_results_to_json(const BenchResults& r);
// Untrusted (a cache file anyone may have edited): errors name `origin` and the field.
BenchResults bench_results_from_json(const Json& j, const std::string& origin);

// $NSMLAB_CACHE | $XDG_CACHE_HOME/nsmlab | ~/.cache/nsmlab, then bench/<cpu model>.json;
// "" when no cache folder can be found.
std::string bench_cache_path(const std::string& cpu_model);
// This machine's CPU model name, as /proc/cpuinfo gives it ("unknown-cpu" if absent).
std::string this_cpu_model();
// The cached results for this CPU, if any. A damaged cache is an error naming the file.
std::optional<BenchResults> load_cached_bench(std::string* path_out = nullptr);

}  // namespace nsmlab
