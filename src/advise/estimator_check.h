// The estimator checked against this machine: calibrated on one workload, how well does it
// predict the measured encoding time of the others? (The issue asks for ±30%.)
#pragma once
#include <string>
#include <vector>

#include "advise/bench_results.h"

namespace nsmlab {

struct PredictionError {
  std::string model, backend, workload;
  double measured_s = 0, predicted_s = 0;
  double relative_error() const { return measured_s > 0 ? (predicted_s - measured_s) / measured_s : 0; }
};

// Every (model, backend, workload) except the calibration workload itself and the batch
// overhead, predicted as calls x overhead + GFLOP / rate with the constants calibrate() found
// for that backend's precision (averaged over models).
std::vector<PredictionError> check_predictions(const BenchResults& r, const std::string& calibration_workload);

}  // namespace nsmlab
