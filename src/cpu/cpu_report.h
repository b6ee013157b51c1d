// The "cpu" object of results.json: the ISA of nsmlab's kernels, oneDNN's limit and the ISA it
// reports, the CPU's relevant features and the compile flags.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace nsmlab::cpu {

nlohmann::json cpu_report();
// The instruction set oneDNN uses here ("avx512_core_bf16"), and its version ("2.6.3").
std::string onednn_isa();
std::string onednn_version();

}  // namespace nsmlab::cpu
