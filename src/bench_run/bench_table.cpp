#include "bench_run/bench_table.h"

#include <fmt/format.h>

namespace nsmlab {

namespace {

std::string secs(double s) { return s <= 0 ? "-" : s < 10 ? fmt::format("{:.2f} s", s) : s < 600 ? fmt::format("{:.1f} s", s) : fmt::format("{:.1f} min", s / 60); }

// The workload the rates are quoted on: the 1000 sentences when measured, else the largest.
const WorkloadResult* rate_workload(const BackendResult& b) {
  if (const WorkloadResult* w = b.find("sentences-1000")) return w;
  const WorkloadResult* best = nullptr;
  for (const WorkloadResult& w : b.workloads)
    if (!best || w.sentences > best->sentences) best = &w;
  return best;
}

}  // namespace

std::string bench_table(const BenchResults& r) {
  std::string s = fmt::format("nsmlab bench on {} ({} threads), {}\n", r.cpu_model, r.threads, r.created);
  if (r.load_average > 0.25 * r.threads)
    s += fmt::format("WARNING: the load average was {:.1f} on {} threads when bench started: other programs shared the CPU "
                     "and these timings understate it.\n", r.load_average, r.threads);
  std::string peaks;
  for (const auto& [p, g] : r.gemm_peak_gflops) peaks += fmt::format("{}{} {:.0f}", peaks.empty() ? "" : ", ", precision_name(p), g);
  s += fmt::format("GEMM peak (GFLOP/s): {}; memory {:.1f} GB/s, {:.1f} GB; experiments' own analysis {}\n\n",
                   peaks.empty() ? "not measured" : peaks, r.memory_bandwidth_gb_s, r.memory_gb,
                   r.experiments_cpu_s > 0 ? secs(r.experiments_cpu_s) : "not measured");
  s += fmt::format("{:<44} {:<9} {:>8} {:>9} {:>9} {:>9} {:>10} {:>7} {:>8} {:>8} {:>6} {:>9}\n", "model", "backend", "load",
                   "primes", "corpus", "1000 sent", "full run*", "sent/s", "tok/s", "GFLOP/s", "%peak", "peak RSS");
  std::map<std::string, std::pair<double, int>> sequence;  // backend -> (sum of full runs, models)
  for (const ModelBench& m : r.models) {
    const std::string name = m.name.size() > 28 ? "…" + m.name.substr(m.name.size() - 27) : m.name;
    const std::string label = fmt::format("{} ({})", name, m.random_weights ? "random weights" : "real");
    for (const BackendResult& b : m.backends) {
      if (!b.error.empty()) {
        s += fmt::format("{:<44} {:<9} not measured: {}\n", label, b.backend, b.error);
        continue;
      }
      auto t = [&](const char* w) { const WorkloadResult* x = b.find(w); return x ? x->seconds : 0.0; };
      const double full = b.load_s + t("primes") + t("corpus") + r.experiments_cpu_s;
      const bool has_full = b.find("primes") && b.find("corpus") && r.experiments_cpu_s > 0;
      if (has_full) {
        sequence[b.backend].first += full;
        sequence[b.backend].second += 1;
      }
      const WorkloadResult* w = rate_workload(b);
      const auto peak = r.gemm_peak_gflops.find(b.precision);
      s += fmt::format("{:<44} {:<9} {:>8} {:>9} {:>9} {:>9} {:>10} {:>7.1f} {:>8.0f} {:>8.1f} {:>6} {:>5.0f} MiB\n", label,
                       b.backend, secs(b.load_s), secs(t("primes")), secs(t("corpus")), secs(t("sentences-1000")),
                       has_full ? secs(full) : "-", w ? w->sentences_per_s() : 0, w ? w->tokens_per_s() : 0,
                       w ? w->gflop_per_s() : 0,
                       w && peak != r.gemm_peak_gflops.end() ? fmt::format("{:.0f}%", 100 * w->gflop_per_s() / peak->second) : "-",
                       b.peak_rss_mib);
    }
  }
  s += "\n* full run = load + primes + corpus + the experiments' own analysis, each measured here (the guide's \"full "
       "three-experiment run\").\n  Rates (sent/s, tok/s, GFLOP/s, %peak of the GEMM peak) on the 1000 sentences; peak RSS "
       "of the process that measured that backend.\n";
  for (const auto& [backend, sum] : sequence)
    if (sum.second > 1)
      s += fmt::format("{} models one after another on {} (sum of their full runs): {}\n", sum.second, backend, secs(sum.first));
  return s;
}

}  // namespace nsmlab
