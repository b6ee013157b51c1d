// What actually ran: written into results.json ("metadata.backend") and shown by the report,
// bench and the CLI. Filled by the backend itself, so it cannot drift from the code that ran.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "backend/backend_options.h"
#include "backend/precision.h"
#include "util/json_file.h"

namespace nsmlab {

struct BackendDescription {
  DeviceKind device = DeviceKind::Cpu;
  int device_index = -1;                         // CUDA ordinal; -1 on the CPU
  std::string device_name;                       // "AMD EPYC ...", "NVIDIA H100 80GB HBM3"
  Precision precision = Precision::Fp32;
  std::string instruction_set;                   // kernel ISA on the CPU ("avx512_core_bf16"), sm_90 on CUDA
  int threads = 0;                               // CPU threads used
  std::map<std::string, std::string> libraries;  // "oneDNN" -> "2.6.3", "CUDA" -> "13.0", ...
  std::vector<std::string> notes;                // fallbacks taken, batches halved, ... (what the user must know)

  std::string name() const;  // "cpu-fp32", "cuda:0-fp16": one token for tables and logs
  Json to_json() const;
};

}  // namespace nsmlab
