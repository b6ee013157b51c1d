// The seam to the GEMM-peak probe (src/nn/gemm_peak.h, written by helper lowp): when that
// header is in the tree, bench uses it; until it is merged, this fails with that reason and
// bench reports no fraction of peak (and advise stays uncalibrated).
#pragma once
#include "backend/precision.h"

namespace nsmlab {

// GFLOP/s of a tight matrix product in `p` on this machine; throws Error when unavailable.
double gemm_peak_probe(Precision p);

}  // namespace nsmlab
