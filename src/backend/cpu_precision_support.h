// Which precisions this CPU computes natively, and why not where it does not. One place
// decides, so `devices`, `--precision auto`, the kernels and bench all agree.
#pragma once
#include <string>

#include "backend/precision.h"

namespace nsmlab {

struct PrecisionSupport {
  bool runs = false;     // the kernels exist for this CPU
  bool native = false;   // and the CPU computes it with its own instructions (faster than fp32)
  std::string how;       // "AVX512_BF16", "AMX-INT8", "AVX512-VNNI", "AVX-512", "AVX2"
  std::string why_not;   // when !native: what is missing and what it would cost
};

// For this process's CPU and its NSMLAB_CPU_ISA cap.
PrecisionSupport cpu_precision_support(Precision p);

}  // namespace nsmlab
