// results.json's `metadata` (docs/RESULTS.md): `nsmlab report`, `run --models` and bench read
// results.json files that may come from another machine or have been edited. A document whose
// metadata loads is written back with run_metadata_json and must read back to the same JSON.
#include "experiments/metadata_result.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  fuzz::expect_clean_errors([&] {
    const RunMetadata m = parse_results_metadata(parse_json_text(fuzz::as_view(data, size), "fuzz.json"), "fuzz.json");
    const Json written = run_metadata_json(m);
    if (run_metadata_json(parse_run_metadata(written, "fuzz-roundtrip.json")) != written) {
      std::fprintf(stderr, "\n*** metadata does not survive run_metadata_json\n");
      std::abort();
    }
  });
  return 0;
}
