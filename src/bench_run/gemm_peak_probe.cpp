#include "bench_run/gemm_peak_probe.h"

#include "util/error.h"

#if __has_include("nn/gemm_peak.h")
#include "nn/gemm_peak.h"
#define NSMLAB_HAVE_GEMM_PEAK 1
#endif

namespace nsmlab {

double gemm_peak_probe(Precision p) {
#ifdef NSMLAB_HAVE_GEMM_PEAK
  return measure_gemm_peak_gflops(p, 0.5);
#else
  fail("the GEMM peak probe (src/nn/gemm_peak.h) is not in this build yet ({})", precision_name(p));
#endif
}

}  // namespace nsmlab
