// Unigram + Precompiled charsmap against SentencePiece's own ids
// (fixtures from tools/fixtures/tokenizer_spm_reference.py).
#include "reference_helpers.h"

namespace nsmlab {
namespace {

TEST(SpmReference, IdsMatchSentencePieceExactly) {
  auto files = test::json_files_in(test::fixtures("spm_ref"));
  ASSERT_FALSE(files.empty()) << "the committed fixtures tests/fixtures/tokenizer/spm_ref/*.json are missing";
  for (auto& f : files) {
    Json ref = load_json(f);
    auto tok = Tokenizer::load(test::resolve_tokenizer_path(ref["tokenizer_json"].get<std::string>()));
    EXPECT_EQ(tok.num_special_tokens(), 2u);
    auto sentences = ref["sentences"].get<std::vector<std::string>>();
    auto ids = ref["ids"].get<std::vector<std::vector<int32_t>>>();
    ASSERT_EQ(sentences.size(), ids.size()) << f;
    size_t mismatches = 0;
    for (size_t i = 0; i < sentences.size(); ++i) {
      auto enc = tok.encode(sentences[i]);
      EXPECT_EQ(enc.ids, ids[i]) << f << " sentence " << i << ": " << sentences[i];
      mismatches += enc.ids != ids[i];
    }
    EXPECT_EQ(mismatches, 0u) << f;
  }
}

}  // namespace
}  // namespace nsmlab
