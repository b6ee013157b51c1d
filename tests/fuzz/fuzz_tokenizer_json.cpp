// tokenizer.json: every component the loader accepts (added tokens, normalizers,
// pre-tokenizers, WordPiece/BPE/Unigram models, post-processors); a tokenizer that loads
// then encodes a few fixed texts, so what the loader accepted is also used.
#include "fuzz_support.h"
#include "tokenizer/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  const std::string path = fuzz::write_scratch("tokenizer.json", fuzz::as_view(data, size));
  fuzz::expect_clean_errors([&] {
    Tokenizer t = Tokenizer::load(path);
    for (const char* text : {"Hello, world!", "J'ai vu l'autre c\xC3\xB4t\xC3\xA9.", "  a\tb  ", "\xEF\xAC\x81 \xE2\x84\xAB", ""}) {
      t.encode(text);
      t.encode(text, 4);
    }
    volatile size_t sink = t.vocab_size() + t.num_special_tokens() + t.describe().size() + static_cast<size_t>(t.pad_id());
    (void)sink;
  });
  return 0;
}
