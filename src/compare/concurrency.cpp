#include "compare/concurrency.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <functional>

#include "util/error.h"

namespace nsmlab {
namespace {

std::string mib(uint64_t bytes) { return fmt::format("{} MiB", (bytes + (1u << 19)) >> 20); }

}  // namespace

ConcurrencyChoice choose_concurrency(const std::string& request, const std::vector<uint64_t>& estimates,
                                     std::optional<uint64_t> available, int cores) {
  const int n_models = static_cast<int>(std::min<size_t>(estimates.size(), kMaxConcurrentModels));
  if (request != "auto") {
    int n = 0;
    auto [end, ec] = std::from_chars(request.data(), request.data() + request.size(), n);
    if (ec != std::errc() || end != request.data() + request.size() || n < 1 || n > kMaxConcurrentModels)
      fail("--concurrent: expected 'auto' or a number from 1 to {}, got '{}'", kMaxConcurrentModels, request);
    n = std::max(1, std::min(n, n_models));
    return {n, n == 1 ? "one model at a time (the default; --concurrent N or auto runs several at once)"
                      : fmt::format("{} models at a time (--concurrent {})", n, request)};
  }
  if (estimates.empty()) return {1, "no models"};
  if (!available) return {1, "one model at a time: --concurrent auto found no MemAvailable in /proc/meminfo"};
  // The n largest estimates must fit together, whichever models happen to run side by side.
  std::vector<uint64_t> largest = estimates;
  std::sort(largest.begin(), largest.end(), std::greater<>());
  const uint64_t budget = static_cast<uint64_t>(static_cast<double>(*available) * kAutoMemoryShare);
  const int limit = std::max(1, std::min(n_models, cores));
  int n = 0;
  uint64_t used = 0;
  while (n < limit && largest[n] <= budget - used) used += largest[n++];  // used <= budget throughout
  if (n == 0)
    return {1, fmt::format("--concurrent auto: one at a time — the largest model's estimated {} exceeds {} "
                           "({:.0f}% of MemAvailable {})",
                           mib(largest[0]), mib(budget), kAutoMemoryShare * 100, mib(*available))};
  return {n, fmt::format("--concurrent auto: {} at a time — the {} largest estimated sizes take {} of {} "
                         "({:.0f}% of MemAvailable {}), at most one model per core ({} cores)",
                         n, n, mib(used), mib(budget), kAutoMemoryShare * 100, mib(*available), cores)};
}

}  // namespace nsmlab
