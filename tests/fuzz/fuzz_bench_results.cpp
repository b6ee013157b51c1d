// bench's results file (the cache advise calibrates on: a JSON file anyone may have edited).
// A file that loads is written back and must load to the same JSON, and the calibration and the
// built-in catalogue's estimates made from it must be finite and non-negative.
#include "fuzz_advise.h"
#include "fuzz_support.h"

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
    for (const auto& [p, v] : cal.cpu_efficiency) fuzz::require_finite_non_negative(v, "cpu_efficiency", "calibration");
    for (const auto& [p, v] : cal.achieved_gflops) fuzz::require_finite_non_negative(v, "achieved_gflops", "calibration");
    for (const auto& [p, v] : cal.batch_overhead_s) fuzz::require_finite_non_negative(v, "batch_overhead_s", "calibration");
    fuzz::require_finite_non_negative(cal.load_s_per_gb, "load_s_per_gb", "calibration");
    fuzz::require_finite_non_negative(cal.experiments_cpu_s, "experiments_cpu_s", "calibration");
    OfferCatalogue catalogue = builtin_catalogue();
    for (Offer& o : catalogue.offers)
      if (o.measured) o = fill_measured_offer(o, r);
    RunSpec run;
    run.sentences = 1000;
    run.lengths = LengthProfile::from_mean(24);
    for (const ModelBench& m : r.models) run.models.push_back(m.shape);
    if (run.models.empty()) return;
    fuzz::require_sane_estimates(estimate_offers(catalogue, run, cal));
  });
  return 0;
}
