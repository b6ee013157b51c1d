// Exact equality with Hugging Face `tokenizers` outputs recorded by the lead
// (tests/fixtures/tokenizer/hf/<name>.json).
#include "reference_helpers.h"

namespace nsmlab {
namespace {

TEST(HfReference, IdsTokensAndTruncationMatchExactly) {
  auto files = test::json_files_in(test::fixtures("hf"));
  ASSERT_FALSE(files.empty()) << "the committed fixtures tests/fixtures/tokenizer/hf/*.json are missing";
  for (auto& f : files) {
    Json ref = load_json(f);
    std::string path = test::resolve_tokenizer_path(ref["tokenizer_json"].get<std::string>());
    auto tok = Tokenizer::load(path);
    auto sentences = ref["sentences"].get<std::vector<std::string>>();
    auto ids = ref["ids"].get<std::vector<std::vector<int32_t>>>();
    ASSERT_EQ(sentences.size(), ids.size()) << f;
    for (size_t i = 0; i < sentences.size(); ++i) {
      auto enc = tok.encode(sentences[i]);
      EXPECT_EQ(enc.ids, ids[i]) << f << " sentence " << i << ": " << sentences[i];
      if (ref.contains("tokens")) {
        EXPECT_EQ(enc.tokens, ref["tokens"][i].get<std::vector<std::string>>()) << f << " sentence " << i;
      }
      if (ref.contains("ids_max16")) {
        EXPECT_EQ(tok.encode(sentences[i], 16).ids, ref["ids_max16"][i].get<std::vector<int32_t>>()) << f << " sentence " << i;
      }
    }
  }
}

}  // namespace
}  // namespace nsmlab
