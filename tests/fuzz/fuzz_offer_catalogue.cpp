// The offer catalogue (`advise --catalogue FILE`: a file users edit) and what advise makes of
// it: a catalogue that parses gets an estimate per offer for a base-size model, and every number
// of those estimates must be finite and non-negative (no NaN cost, no negative time).
#include "fuzz_advise.h"
#include "fuzz_support.h"

namespace {

nsmlab::WorkModel base_model() {
  nsmlab::WorkModel w;
  w.name = "a base-size encoder";
  w.hidden = 768, w.layers = 12, w.heads = 12, w.intermediate = 3072, w.vocab = 250002, w.positions = 514, w.type_vocab = 1;
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  fuzz::expect_clean_errors([&] {
    const OfferCatalogue catalogue = parse_catalogue(fuzz::as_view(data, size), "fuzz.json");
    RunSpec run;
    run.sentences = 1000;
    run.lengths = LengthProfile::from_mean(24);
    run.models = {base_model(), base_model()};
    run.runs_per_month = 30;
    run.precisions.insert(Precision::Int8);
    const std::vector<Estimate> estimates = estimate_offers(catalogue, run, Calibration{});
    fuzz::require_sane_estimates(estimates);
    (void)recommend(estimates, run, 60);
  });
  return 0;
}
