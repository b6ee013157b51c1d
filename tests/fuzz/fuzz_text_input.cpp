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
    TextInputOptions limits;
    limits.max_line_bytes = 256;  // small, so the limits themselves are reached
    limits.max_texts = 64;
    const std::vector<std::string> texts = read_texts(path, limits);
    if (texts.size() > limits.max_texts) {
      std::fprintf(stderr, "\n*** %zu texts passed the limit\n", texts.size());
      std::abort();
    }
    for (const std::string& t : texts)
      if (t.size() > limits.max_line_bytes) {
        std::fprintf(stderr, "\n*** a text of %zu bytes passed the limit\n", t.size());
        std::abort();
      }
  });
  return 0;
}
