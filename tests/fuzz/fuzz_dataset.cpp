// Dataset files, both formats (nsmlab-dataset/1 and the original panini JSON), through the
// in-memory entry point load_dataset() uses; a dataset that loads is written back and
// must reload (what `nsmlab import` does).
#include "experiments/dataset.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  fuzz::expect_clean_errors([&] {
    Dataset d = parse_dataset(fuzz::as_view(data, size), "fuzz.json");
    volatile size_t sink = d.languages().size();
    (void)sink;
    Dataset again = parse_dataset(dataset_to_json(d), "fuzz-roundtrip.json");
    if (again.primes.size() != d.primes.size() || again.squares.size() != d.squares.size()) {
      std::fprintf(stderr, "\n*** dataset does not survive dataset_to_json\n");
      std::abort();
    }
  });
  return 0;
}
