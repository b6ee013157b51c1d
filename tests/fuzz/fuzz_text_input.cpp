// The texts to embed (`embed --input`, `tokenize --input`): the first input byte picks the
// file name's extension (.txt, .jsonl, .ndjson, none), the rest is the file.
#include "fuzz_support.h"
#include "util/text_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  if (size == 0) return 0;
  static const char* names[] = {"input.txt", "input.jsonl", "input.ndjson", "input"};
  const std::string path = fuzz::write_scratch(names[data[0] % 4], fuzz::as_view(data + 1, size - 1));
  fuzz::expect_clean_errors([&] {
    TextInputLimits limits;
    limits.max_bytes_per_text = 256;  // small, so the limit itself is reached
    for (const std::string& t : read_texts(path, limits))
      if (t.size() > limits.max_bytes_per_text) {
        std::fprintf(stderr, "\n*** a text of %zu bytes passed the limit\n", t.size());
        std::abort();
      }
  });
  return 0;
}
