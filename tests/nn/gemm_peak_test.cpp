// The peak probe runs for every precision this CPU runs and refuses the others with the reason
// (no timing is asserted: only that a rate comes back).
#include "nn/gemm_peak.h"

#include <gtest/gtest.h>

#include "backend/cpu_precision_support.h"
#include "util/error.h"

namespace nsmlab {
namespace {

TEST(GemmPeak, MeasuresEveryRunnablePrecisionAndRefusesTheRest) {
  for (Precision p : all_precisions()) {
    const PrecisionSupport s = cpu_precision_support(p);
    if (s.runs) {
      const double g = measure_gemm_peak_gflops(p, 0.01);
      EXPECT_GT(g, 0.0) << precision_name(p);
      std::cout << precision_name(p) << ": " << g << " GFLOP/s\n";
    } else {
      try {
        measure_gemm_peak_gflops(p, 0.01);
        FAIL() << precision_name(p) << " should be refused";
      } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(s.why_not), std::string::npos) << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace nsmlab
