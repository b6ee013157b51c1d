// bench's results file (the cache advise calibrates on: a JSON file anyone may have edited).
// A file that loads is written back and must load to the same JSON, and the calibration and the
// built-in catalogue's estimates made from it must be finite and non-negative.
#include <cmath>

#include "advise/estimator.h"
#include "fuzz_support.h"

namespace {

void require_sane(double v, const char* what) {
  if (!std::isfinite(v) || v < 0) {
    std::fprintf(stderr, "\n*** %s is %g\n", what, v);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  fuzz::expect_clean_errors([&] {
    const BenchResults r = bench_results_from_json(parse_json_text(fuzz::as_view(data, size), "fuzz.json"), "fuzz.json");
    const Json written = bench_results_to_json(r);
    if (bench_results_to_json(bench_results_from_json(written, "fuzz-roundtrip.json")) != written) {
      std::fprintf(stderr, "\n*** bench results do not survive bench_results_to_json\n");
      std::abort();
    }
    const Calibration cal = calibrate(r);
    for (const auto& [p, v] : cal.cpu_efficiency) require_sane(v, "cpu_efficiency");
    for (const auto& [p, v] : cal.achieved_gflops) require_sane(v, "achieved_gflops");
    for (const auto& [p, v] : cal.batch_overhead_s) require_sane(v, "batch_overhead_s");
    require_sane(cal.load_s_per_gb, "load_s_per_gb");
    require_sane(cal.experiments_cpu_s, "experiments_cpu_s");
    OfferCatalogue catalogue = builtin_catalogue();
    for (Offer& o : catalogue.offers)
      if (o.measured) o = fill_measured_offer(o, r);
    RunSpec run;
    run.sentences = 1000;
    run.lengths = LengthProfile::from_mean(24);
    for (const ModelBench& m : r.models) run.models.push_back(m.shape);
    if (run.models.empty()) return;
    for (const Estimate& e : estimate_offers(catalogue, run, cal)) {
      require_sane(e.total_s, "total_s");
      require_sane(e.cost_per_run_usd, "cost_per_run_usd");
      require_sane(e.memory_needed_gb, "memory_needed_gb");
    }
  });
  return 0;
}
