// The guide's comparison table, from measurements: one row per model × backend.
#pragma once
#include <string>

#include "advise/bench_results.h"

namespace nsmlab {

std::string bench_table(const BenchResults& r);

}  // namespace nsmlab
