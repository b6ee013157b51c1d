#include "advise/estimator_check.h"

#include "advise/estimator.h"

namespace nsmlab {

std::vector<PredictionError> check_predictions(const BenchResults& r, const std::string& calibration_workload) {
  const Calibration cal = calibrate(r, calibration_workload);
  std::vector<PredictionError> out;
  for (const ModelBench& m : r.models)
    for (const BackendResult& b : m.backends) {
      if (!b.error.empty() || !cal.achieved_gflops.count(b.precision)) continue;
      for (const WorkloadResult& w : b.workloads) {
        // The batch overhead is the calibration's second point, not a workload to predict.
        if (w.workload == calibration_workload || w.workload == kBatchOverheadWorkload || w.seconds <= 0) continue;
        PredictionError e;
        e.model = m.name;
        e.backend = b.backend;
        e.workload = w.workload;
        e.measured_s = w.seconds;
        e.predicted_s = calibrated_seconds(cal, b.precision, double(w.batches),
                                           double(w.sentences) * m.shape.flops_per_sentence(w.lengths) / 1e9);
        out.push_back(e);
      }
    }
  return out;
}

}  // namespace nsmlab
