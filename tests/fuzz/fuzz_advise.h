// Shared by the advise fuzzers (offer catalogue, bench results): what every number advise
// prints must be, whatever the files it read.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "advise/estimator.h"

namespace nsmlab::fuzz {

// A finding: a NaN, an infinity or a negative time, cost or size.
inline void require_finite_non_negative(double v, const char* what, const std::string& where) {
  if (!std::isfinite(v) || v < 0) {
    std::fprintf(stderr, "\n*** %s: %s is %g\n", where.c_str(), what, v);
    std::abort();
  }
}

inline void require_sane_estimates(const std::vector<Estimate>& estimates) {
  for (const Estimate& e : estimates) {
    const std::string where = "offer " + (e.offer ? e.offer->id : std::string("?"));
    for (auto [v, what] : {std::pair{e.efficiency, "efficiency"}, {e.compute_s, "compute_s"}, {e.memory_s, "memory_s"},
                           {e.overhead_s, "overhead_s"}, {e.load_s, "load_s"}, {e.experiments_s, "experiments_s"},
                           {e.total_s, "total_s"}, {e.memory_needed_gb, "memory_needed_gb"},
                           {e.cost_per_run_usd, "cost_per_run_usd"}, {e.cost_per_month_usd, "cost_per_month_usd"}})
      require_finite_non_negative(v, what, where);
  }
}

}  // namespace nsmlab::fuzz
