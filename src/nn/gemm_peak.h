// This machine's peak matrix-product rate per precision, measured the way nsmlab's kernels
// compute: one oneDNN matmul of a fixed, favourable shape (M=512, K=1024, N=4096) with its
// weights prepacked, fp32 output, the best of repeated runs. `nsmlab bench` divides what a
// model achieves by it ("fraction of peak").
#pragma once

#include "backend/precision.h"

namespace nsmlab {

struct GemmPeakShape {
  static constexpr long M = 512, K = 1024, N = 4096;
};

// GFLOP/s (2 M N K per product) of the fastest of the products run in about `seconds` (at
// least 3), on the calling thread's OpenMP thread count. Fails, with the reason, for a
// precision this CPU cannot run (cpu_precision_support.h).
double measure_gemm_peak_gflops(Precision p, double seconds);

}  // namespace nsmlab
