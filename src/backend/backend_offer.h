// One device × precision pair this machine offers, or could not: what `nsmlab devices`
// lists, what `auto` chooses among and what `bench` measures.
#pragma once
#include <string>
#include <vector>

#include "backend/backend_options.h"
#include "backend/precision.h"

namespace nsmlab {

struct BackendOffer {
  DeviceKind device = DeviceKind::Cpu;
  int device_index = -1;
  std::string device_name;
  Precision precision = Precision::Fp32;
  bool runs = false;    // can run here
  bool native = false;  // and the hardware computes it natively (faster than its fp32)
  std::string how;      // instruction set or compute capability that does the work
  std::string why_not;  // when !runs or !native
  std::string name() const;  // "cpu-bf16", "cuda:0-fp16"
};

}  // namespace nsmlab
