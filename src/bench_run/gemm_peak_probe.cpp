#include "bench_run/gemm_peak_probe.h"

#include "nn/gemm_peak.h"

namespace nsmlab {

double gemm_peak_probe(Precision p) { return measure_gemm_peak_gflops(p, 0.5); }

}  // namespace nsmlab
