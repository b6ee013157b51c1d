// How many models `nsmlab run --models` runs at once: --concurrent N, or "auto": as many as
// fit in the machine's available memory by their estimated resident size (memory_usage.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nsmlab {

inline constexpr int kMaxConcurrentModels = 64;
// Share of MemAvailable the automatic choice plans to fill: room for the page cache and others.
inline constexpr double kAutoMemoryShare = 0.75;

struct ConcurrencyChoice {
  int models = 1;      // run this many at once
  std::string reason;  // one sentence for the report
};

// `request`: "auto" or a number 1..kMaxConcurrentModels (errors name --concurrent).
// `estimates`: each model's estimated resident bytes; `available`: MemAvailable (nullopt:
// unknown, then auto runs one at a time); `cores`: the CPU cores, auto never exceeds them.
ConcurrencyChoice choose_concurrency(const std::string& request, const std::vector<uint64_t>& estimates,
                                     std::optional<uint64_t> available, int cores);

}  // namespace nsmlab
