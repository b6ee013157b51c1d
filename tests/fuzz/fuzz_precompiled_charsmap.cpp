// A Precompiled charsmap blob (what tokenizer.json carries as base64) inside an otherwise
// fixed Unigram tokenizer: the blob's trie and replacement strings are untrusted, and what
// they produce flows into the Unigram model. Input: [text length n][n bytes of text][blob].
#include "fuzz_support.h"
#include "tokenizer/tokenizer.h"
#include "util/json_file.h"
#include "util/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nsmlab;
  if (size == 0) return 0;
  const size_t n = std::min<size_t>(data[0], size - 1);
  std::string_view text = fuzz::as_view(data + 1, n);
  std::string_view blob = fuzz::as_view(data + 1 + n, size - 1 - n);
  if (!is_valid_utf8(text)) return -1;
  static const Json vocab = Json::array({{"<unk>", 0.0}, {"\xE2\x96\x81", -2.0}, {"a", -3.0}, {"b", -3.0}, {"ab", -2.5},
                                         {"\xE2\x96\x81" "a", -2.0}, {"fi", -2.0}, {"e", -3.0}, {"\xC3\xA9", -3.0}});
  Json j = {{"normalizer", {{"type", "Precompiled"}, {"precompiled_charsmap", fuzz::base64(blob)}}},
            {"pre_tokenizer", {{"type", "Metaspace"}, {"replacement", "\xE2\x96\x81"}, {"prepend_scheme", "always"}}},
            {"model", {{"type", "Unigram"}, {"unk_id", 0}, {"vocab", vocab}}}};
  const std::string path = fuzz::write_scratch("charsmap_tokenizer.json", j.dump());
  fuzz::expect_clean_errors([&] {
    Tokenizer t = Tokenizer::load(path);
    t.encode(text);
    for (const char* fixed : {"ab fi", "\xEF\xAC\x81", "e\xCC\x81", "\xE2\x84\xAB\xE3\x80\x80x"}) t.encode(fixed);
  });
  return 0;
}
