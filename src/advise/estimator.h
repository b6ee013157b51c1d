// Time and cost of a run on each offer: the work model's FLOPs and bytes against the offer's
// peaks, at the fraction of peak software really reaches there. That fraction is measured
// on this machine (bench) for CPUs; for accelerators nothing here can measure it, so it is
// the catalogue's figure or a stated conservative constant, and the output says which.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "advise/bench_results.h"
#include "advise/offer_catalogue.h"
#include "advise/work_model.h"

namespace nsmlab {

// Fractions of peak assumed when nothing better is known. CPU: below the 0.6-0.8 nsmlab
// measures on AVX-512 machines. GPU/TPU: sentence-transformers batches of short sentences
// keep tensor cores mostly idle (kernel launches, padding, small matrices); 0.15 is a
// deliberately low guess, to be replaced by a measurement when a GPU backend exists.
inline constexpr double kDefaultCpuEfficiency = 0.5;
inline constexpr double kDefaultAcceleratorEfficiency = 0.15;
// Model load when not measured: seconds per GB of fp32 weights file (disk read + packing).
inline constexpr double kDefaultLoadSecondsPerGb = 1.0;
// Sentences per batch for the weight-read term: the notebook's smallest GPU batch (T4: 64)
// halved; the term is under 2% of any estimate here, so its exact value barely matters.
inline constexpr double kBatchSentences = 32;
// Memory a process needs besides weights and activations (CUDA context and allocator on a
// GPU; the runtime and tokenizer on a CPU), in GB.
inline constexpr double kGpuRuntimeGb = 0.6;
// A GPU batch costs at least its kernel launches: about 20 kernels per layer at ~10 µs each,
// 12-24 layers: 5 ms per batch, whatever the FLOPs.
inline constexpr double kAcceleratorBatchSeconds = 0.005;
// Models smaller than this say little about a big model's efficiency (tiny fixtures are
// dominated by per-batch overheads): calibration ignores them when larger ones were benched.
inline constexpr double kCalibrationMinParameters = 10e6;
// Load speed is measured only on weights files this large (smaller ones are fixed costs).
inline constexpr double kCalibrationMinLoadBytes = 0.3e9;
inline constexpr double kCpuRuntimeGb = 0.3;

// What this machine's bench taught: efficiency per precision, load speed, analysis time.
struct Calibration {
  std::map<Precision, double> cpu_efficiency;  // achieved GFLOP/s ÷ GEMM peak, this machine
  std::map<Precision, double> achieved_gflops;  // what nsmlab reached here (no peak needed), per FLOP
  // What one encoder call costs here beyond its FLOPs (bench's batch-overhead workload);
  // absent when bench did not measure it.
  std::map<Precision, double> batch_overhead_s;
  double load_s_per_gb = kDefaultLoadSecondsPerGb;
  double experiments_cpu_s = 0;    // the experiments' own analysis, measured here
  double reference_fp32_gflops = 0;  // this machine's fp32 peak, to scale that analysis time
  std::string source;              // "" when uncalibrated
};

// Calibrates on one workload (default the 1000 sentences), averaging the models benched. With
// bench's batch-overhead workload beside it, the two give the two constants of
//   seconds = calls x overhead + GFLOP / rate
// (two equations, two unknowns); without it, or when the solution is not positive (noise),
// overhead 0 and rate = that workload's GFLOP/s.
Calibration calibrate(const BenchResults& r, const std::string& workload = "sentences-1000");

// The calibrated time of `calls` encoder calls doing `gflop` in precision p (0 if uncalibrated).
double calibrated_seconds(const Calibration& c, Precision p, double calls, double gflop);

// "this machine" with its peaks, bandwidth and memory from bench (unchanged if not measured).
Offer fill_measured_offer(const Offer& o, const BenchResults& r);

struct RunSpec {
  size_t sentences = 0;          // per model
  LengthProfile lengths;
  std::vector<WorkModel> models;  // one after another
  bool experiments = true;       // add the three experiments' own analysis time
  double runs_per_month = 0;
  std::set<Precision> precisions = {Precision::Fp32, Precision::Bf16, Precision::Fp16};  // allowed
};

struct Estimate {
  const Offer* offer = nullptr;
  bool usable = false;  // has peaks for an allowed precision
  Precision precision = Precision::Fp32;
  double efficiency = 0;
  std::string efficiency_source;  // "measured here", "catalogue", "default constant"
  double compute_s = 0, memory_s = 0, overhead_s = 0, load_s = 0, experiments_s = 0, total_s = 0;
  std::string bound;  // "compute" or "memory"
  double memory_needed_gb = 0;
  bool fits = false;
  double cost_per_run_usd = 0, cost_per_month_usd = 0;
  bool runnable = false;  // software exists there for these models
  std::string why_not;    // when !usable or !runnable
};

// One estimate per offer, at the fastest allowed precision the offer computes natively.
std::vector<Estimate> estimate_offers(const OfferCatalogue& catalogue, const RunSpec& run, const Calibration& cal);
Estimate estimate_offer(const Offer& offer, const RunSpec& run, const Calibration& cal, Precision p);

struct Recommendation {
  const Estimate* choice = nullptr;  // nullptr: nothing qualifies
  std::string headline;
  std::vector<std::string> reasons;                  // for the choice
  std::map<std::string, std::string> rejected;       // offer id -> why not chosen
};

// The cheapest offer (per month) that runs, fits and finishes within max_minutes; among equals
// this machine first (no session limits, no upload), then the fastest. "Your CPU is enough"
// when this machine qualifies.
Recommendation recommend(const std::vector<Estimate>& estimates, const RunSpec& run, double max_minutes);

}  // namespace nsmlab
