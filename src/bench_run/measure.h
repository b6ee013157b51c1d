// Measurements for `nsmlab bench`, each in a child process of its own: the child's peak
// resident memory (VmHWM) is then the backend's alone, and a backend that crashes or runs out
// of memory takes only its child down. The parent must not have started OpenMP (fork).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "advise/bench_results.h"
#include "advise/work_model.h"
#include "backend/backend_offer.h"
#include "backend/precision.h"
#include "bench_run/workloads.h"

namespace nsmlab {

// Opens `model_dir` on `offer` through the backend factory, with `threads` CPU threads (0: all),
// and encodes each workload once (tokenising included), after one untimed warm-up batch.
BackendResult measure_backend(const std::string& model_dir, const BackendOffer& offer, int threads, const WorkModel& shape,
                              const std::vector<BenchWorkload>& workloads);

struct MachineFacts {
  std::map<Precision, double> gemm_peak_gflops;
  std::vector<std::string> notes;  // e.g. why a peak is missing
  double memory_bandwidth_gb_s = 0;
  double memory_gb = 0;
  double experiments_cpu_s = 0;  // 0 when not measured
};

// GEMM peaks for `precisions`, memory bandwidth, memory size; with `experiments`, the three
// experiments' own analysis time on the built-in dataset (run with the lexical encoder, whose
// encoding time is left out).
MachineFacts measure_machine(const std::vector<Precision>& precisions, int threads, bool experiments);

}  // namespace nsmlab
