// The "cpu" object of results.json: the ISA of nsmlab's kernels, oneDNN's limit and the ISA it
// reports, the CPU's relevant features and the compile flags (written and read as JSON by
// experiments/metadata_result.h, the results contract).
#pragma once
#include <map>
#include <string>

namespace nsmlab::cpu {

struct CpuReport {
  std::string kernels_isa;     // nsmlab's row kernels: "avx2", "avx512"
  std::string requested;       // NSMLAB_CPU_ISA, or "native"
  std::string onednn_max_isa;  // "none", or the oneDNN ISA it is limited to
  std::string onednn_isa;      // what oneDNN reports it uses
  std::map<std::string, bool> features;  // name -> present
  std::string compile_flags;
  bool operator==(const CpuReport&) const = default;
};

CpuReport cpu_report();
// The instruction set oneDNN uses here ("avx512_core_bf16"), and its version ("2.6.3").
std::string onednn_isa();
std::string onednn_version();

}  // namespace nsmlab::cpu
