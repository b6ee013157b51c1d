// The real tokenizer.json files in ../shared/reference/tokenizers, hand-checked cases.
#include <thread>

#include "reference_helpers.h"

namespace nsmlab {
namespace {

std::string real(const std::string& name) { return test::shared_dir() + "/reference/tokenizers/" + name + "/tokenizer.json"; }

TEST(RealTokenizers, BertBaseUncasedHelloWorld) {
  auto tok = Tokenizer::load(real("bert-base-uncased-tokenizer"));  // its model has no "type": inferred
  auto e = tok.encode("Hello, world!");
  EXPECT_EQ(e.ids, (std::vector<int32_t>{101, 7592, 1010, 2088, 999, 102}));
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "hello", ",", "world", "!", "[SEP]"}));
  EXPECT_EQ(e.type_ids, std::vector<int32_t>(6, 0));
  EXPECT_EQ(tok.num_special_tokens(), 2u);
  EXPECT_EQ(tok.pad_id(), 0);
  EXPECT_EQ(tok.vocab_size(), 30522u);
  EXPECT_EQ(tok.token_to_id("[MASK]"), 103);
  EXPECT_EQ(tok.describe(), "WordPiece, 30522 tokens, BertNormalizer(lowercase,strip_accents), BertPreTokenizer, TemplateProcessing");
}

TEST(RealTokenizers, WordPieceSubwordsAccentsAndSpecials) {
  auto tok = Tokenizer::load(real("all-MiniLM-L6-v2"));
  // Accents stripped (strip_accents follows lowercase), subwords get ##.
  auto e = tok.encode("Café unaffable");
  EXPECT_EQ(e.tokens, (std::vector<std::string>{"[CLS]", "cafe", "una", "##ffa", "##ble", "[SEP]"}));
  // Special tokens in the raw text are kept whole.
  auto m = tok.encode("a [MASK] b", 0, false);
  EXPECT_EQ(m.tokens, (std::vector<std::string>{"a", "[MASK]", "b"}));
  EXPECT_EQ(m.ids[1], 103);
  // A word over max_input_chars_per_word becomes [UNK].
  auto u = tok.encode(std::string(101, 'a'), 0, false);
  EXPECT_EQ(u.ids, (std::vector<int32_t>{100}));
  // CJK characters are split one by one.
  EXPECT_EQ(tok.encode("中文", 0, false).ids.size(), 2u);
}

TEST(RealTokenizers, TruncationKeepsSpecialTokens) {
  auto tok = Tokenizer::load(real("e5-small-tokenizer"));
  auto e = tok.encode("one two three four five six seven eight", 5);
  ASSERT_EQ(e.ids.size(), 5u);
  EXPECT_EQ(e.ids.front(), 101);
  EXPECT_EQ(e.ids.back(), 102);
  EXPECT_EQ(e.tokens[1], "one");
  EXPECT_EQ(e.tokens[3], "three");
  EXPECT_THROW(tok.encode("x", 1), Error);
}

TEST(RealTokenizers, MpnetRobertaProcessingAndPadding) {
  auto tok = Tokenizer::load(real("all-mpnet-base-v2"));
  auto e = tok.encode("Hello, world!");
  EXPECT_EQ(e.ids.front(), 0);
  EXPECT_EQ(e.ids.back(), 2);
  EXPECT_EQ(e.tokens[1], "hello");
  EXPECT_EQ(tok.pad_id(), 1);
  EXPECT_EQ(tok.vocab_size(), 30527u);
  // <mask> has lstrip: the space before it belongs to the mask token.
  auto m = tok.encode("a <mask>", 0, false);
  EXPECT_EQ(m.ids, (std::vector<int32_t>{*tok.token_to_id("a"), 30526}));
}

TEST(RealTokenizers, CamembertUnigramMetaspace) {
  auto tok = Tokenizer::load(real("camembert-base-tokenizer"));
  auto e = tok.encode("J'ai vu l'autre côté.");
  EXPECT_EQ(e.ids.front(), 5);
  EXPECT_EQ(e.ids.back(), 6);
  for (size_t i = 1; i + 1 < e.tokens.size(); ++i) EXPECT_NE(e.ids[i], 4) << e.tokens[i];  // no <unk>
  EXPECT_EQ(e.tokens[1].rfind("\xE2\x96\x81", 0), 0u);  // first word starts with ▁
  EXPECT_EQ(tok.pad_id(), 1);
  EXPECT_EQ(tok.describe().rfind("Unigram, 32006 tokens", 0), 0u) << tok.describe();
}

TEST(RealTokenizers, CopiesShareStateAndEncodeIsThreadSafe) {
  auto tok = Tokenizer::load(real("bert-base-uncased-tokenizer"));
  Tokenizer copy = tok;
  auto expected = tok.encode("The quick brown fox jumps over the lazy dog.").ids;
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 200; ++k) ok[t] += copy.encode("The quick brown fox jumps over the lazy dog.").ids == expected;
    });
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 200);
}

}  // namespace
}  // namespace nsmlab
