// The "cpu" object of results.json: the ISA of nsmlab's kernels, oneDNN's limit and the ISA it
// reports, the CPU's relevant features and the compile flags.
#pragma once
#include <nlohmann/json.hpp>

namespace nsmlab::cpu {

nlohmann::json cpu_report();

}  // namespace nsmlab::cpu
