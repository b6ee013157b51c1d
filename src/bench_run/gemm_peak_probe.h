// The GEMM peak bench divides by: helper lowp's probe (src/nn/gemm_peak.h), half a second per
// precision. One place, so bench's cost and the probe's settings are chosen here.
#pragma once
#include "backend/precision.h"

namespace nsmlab {

// GFLOP/s of a tight matrix product in `p` on this machine; throws Error when `p` cannot run here.
double gemm_peak_probe(Precision p);

}  // namespace nsmlab
