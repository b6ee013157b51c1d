#include "advise/estimator_check.h"

#include "advise/estimator.h"

namespace nsmlab {

std::vector<PredictionError> check_predictions(const BenchResults& r, const std::string& calibration_workload) {
  const Calibration cal = calibrate(r, calibration_workload);
  std::vector<PredictionError> out;
  for (const ModelBench& m : r.models)
    for (const BackendResult& b : m.backends) {
      const auto rate = cal.achieved_gflops.find(b.precision);
      if (!b.error.empty() || rate == cal.achieved_gflops.end()) continue;
      for (const WorkloadResult& w : b.workloads) {
        if (w.workload == calibration_workload || w.seconds <= 0) continue;
        PredictionError e;
        e.model = m.name;
        e.backend = b.backend;
        e.workload = w.workload;
        e.measured_s = w.seconds;
        e.predicted_s = double(w.sentences) * m.shape.flops_per_sentence(w.lengths) / (rate->second * 1e9);
        out.push_back(e);
      }
    }
  return out;
}

}  // namespace nsmlab
