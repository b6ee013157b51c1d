// Unigram on random text: the XLM-R-style fixture (Precompiled charsmap + Replace, Metaspace, <s> .. </s>).
#include "fuzz_encode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const nsmlab::Tokenizer t = nsmlab::Tokenizer::load(nsmlab::fuzz::fixture("models_hf/xlmr_mean/tokenizer.json"));
  return nsmlab::fuzz::encode_one(t, data, size);
}
