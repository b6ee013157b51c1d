// .npy reader (fixtures, embeddings exchanged with numpy): header dict, dtype, shape, data.
#include "fuzz_support.h"
#include "util/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  const std::string path = fuzz::write_scratch("array.npy", fuzz::as_view(data, size));
  fuzz::expect_clean_errors([&] {
    NpyArray a = read_npy(path);
    size_t count = 1;
    for (size_t d : a.shape) count *= d;
    if (count != a.values.size()) {
      std::fprintf(stderr, "\n*** shape holds %zu values, array has %zu\n", count, a.values.size());
      std::abort();
    }
  });
  fuzz::expect_clean_errors([&] { read_npy_matrix(path); });
  return 0;
}
