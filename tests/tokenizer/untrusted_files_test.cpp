// Hostile tokenizer.json files: every one is refused with an error naming the file and the
// field, or tokenized safely; none may crash, wrap an id or allocate without bound.
#include "reference_helpers.h"
#include "tokenizer/components.h"

namespace nsmlab {
namespace {

using test::expect_load_error;
using test::tokenizer_from_json;

Json wordpiece(Json vocab) { return {{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"vocab", vocab}}; }

TEST(VocabularyIds, OutOfRangeWrappingAndRepeatedIdsAreRefused) {
  // 4294967295 used to become int32 -1, resize the id table to SIZE_MAX + 1 = 0 and write past it.
  expect_load_error({{"model", wordpiece({{"[UNK]", 0}, {"a", 4294967295u}})}}, {"model.vocab.a", "4294967295", "below 2"});
  expect_load_error({{"model", wordpiece({{"[UNK]", 0}, {"a", 2147483648u}})}}, {"model.vocab.a", "2147483648"});
  // A large id allocated a table that size (gigabytes for 10^9); ids must fit the entries.
  expect_load_error({{"model", wordpiece({{"[UNK]", 0}, {"a", 1000}})}}, {"model.vocab.a", "1000"});
  expect_load_error({{"model", wordpiece({{"[UNK]", 0}, {"a", -1}})}}, {"model.vocab.a", "non-negative"});
  expect_load_error({{"model", wordpiece({{"[UNK]", 0}, {"a", 0}})}}, {"model.vocab", "another token"});
  // BPE reads its vocabulary the same way.
  expect_load_error({{"model", {{"type", "BPE"}, {"vocab", {{"a", 0}, {"b", 4294967295u}}}, {"merges", Json::array()}}}},
                    {"model.vocab.b", "4294967295"});
  expect_load_error({{"model", {{"type", "BPE"}, {"vocab", {{"a", 0}, {"b", 1}}}, {"merges", Json::array({"a zz"})}}}},
                    {"model.merges[0]", "'zz'"});
  expect_load_error({{"model", {{"type", "Unigram"}, {"vocab", Json::array()}}}}, {"model.vocab", "at least one piece"});
  expect_load_error({{"model", {{"type", "Unigram"}, {"unk_id", 4294967295u}, {"vocab", Json::array({Json::array({"a", -1.0})})}}}},
                    {"model.unk_id", "4294967295"});
}

TEST(VocabularyIds, AddedAndSpecialTokenIdsAreChecked) {
  Json model = wordpiece({{"[UNK]", 0}, {"a", 1}});
  auto added = [](uint64_t id) { return Json::array({Json{{"id", id}, {"content", "[X]"}, {"special", true}}}); };
  expect_load_error({{"model", model}, {"added_tokens", added(4294967295u)}}, {"added_tokens[0].id", "4294967295"});
  expect_load_error({{"model", model}, {"added_tokens", added(1000000)}}, {"added_tokens[0].id", "1000000"});
  // An added token may extend the model's ids.
  auto tok = tokenizer_from_json({{"model", model}, {"added_tokens", added(2)}});
  EXPECT_EQ(tok.vocab_size(), 3u);
  EXPECT_EQ(tok.encode("a[X]").ids, (std::vector<int32_t>{1, 2}));

  Json bert = {{"type", "BertProcessing"}, {"cls", Json::array({"[UNK]", 0})}, {"sep", Json::array({"a", 4294967295u})}};
  expect_load_error({{"model", model}, {"post_processor", bert}}, {"post_processor.sep[1]", "4294967295"});
  Json tmpl = {{"type", "TemplateProcessing"},
               {"single", Json::array({Json{{"SpecialToken", {{"id", "[S]"}, {"type_id", 0}}}}, Json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
               {"special_tokens", {{"[S]", {{"id", "[S]"}, {"ids", Json::array({7})}, {"tokens", Json::array({"[S]"})}}}}}};
  expect_load_error({{"model", model}, {"post_processor", tmpl}}, {"post_processor.special_tokens.[S].ids[0]", "7"});
  tmpl["single"][1]["Sequence"]["type_id"] = 4294967295u;
  tmpl["special_tokens"]["[S]"]["ids"] = Json::array({1});
  expect_load_error({{"model", model}, {"post_processor", tmpl}}, {"single[1].Sequence.type_id", "4294967295"});
  expect_load_error({{"model", model}, {"padding", {{"pad_id", 99}}}}, {"padding.pad_id", "99"});
}

// A SentencePiece precompiled_charsmap that maps "a" to the string at `value` of `strings`:
// a double-array trie of one key (root offset 1; "a" = 0x61 lands on unit 0x60, whose
// leaf value sits at 0x61).
Json charsmap_a_to(const std::string& strings, uint32_t value) {
  std::vector<uint32_t> units(0x62, 0);
  units[0] = 1u << 10;
  units[0x60] = (1u << 10) | (1u << 8) | 0x61;
  units[0x61] = (1u << 31) | value;
  std::string blob;
  auto put = [&](uint32_t u) {
    for (int k = 0; k < 4; ++k) blob.push_back(static_cast<char>((u >> (8 * k)) & 0xFF));
  };
  put(static_cast<uint32_t>(units.size() * 4));
  for (uint32_t u : units) put(u);
  blob += strings;
  static const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < blob.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(blob[i]) << 16;
    if (i + 1 < blob.size()) n |= static_cast<unsigned char>(blob[i + 1]) << 8;
    if (i + 2 < blob.size()) n |= static_cast<unsigned char>(blob[i + 2]);
    out += b64[(n >> 18) & 63];
    out += b64[(n >> 12) & 63];
    out += i + 1 < blob.size() ? b64[(n >> 6) & 63] : '=';
    out += i + 2 < blob.size() ? b64[n & 63] : '=';
  }
  return {{"type", "Precompiled"}, {"precompiled_charsmap", out}};
}

Json unigram_abc() {
  return {{"type", "Unigram"}, {"unk_id", 0},
          {"vocab", Json::array({Json::array({"<unk>", 0.0}), Json::array({"a", -1.0}), Json::array({"b", -1.0})})}};
}

TEST(InvalidUtf8, CharsmapReplacementsMustBeValidUtf8) {
  EXPECT_EQ(tokenizer_from_json({{"model", unigram_abc()}, {"normalizer", charsmap_a_to(std::string("b\0", 2), 0)}}).encode("a").ids,
            (std::vector<int32_t>{2}));  // the hand-made trie works: "a" becomes "b"
  // A truncated character as replacement used to reach Unigram, which wrote past its lattice.
  expect_load_error({{"model", unigram_abc()}, {"normalizer", charsmap_a_to(std::string("\xC3\0", 2), 0)}},
                    {"normalizer.precompiled_charsmap", "UTF-8"});
  // A value pointing inside a character is no replacement at all.
  auto tok = tokenizer_from_json({{"model", unigram_abc()}, {"normalizer", charsmap_a_to(std::string("\xC3\xA9\0", 3), 1)}});
  EXPECT_EQ(tok.encode("a").ids, (std::vector<int32_t>{1}));
}

TEST(InvalidUtf8, SingleByteRegexIsRefused) {
  Json split = {{"type", "Split"}, {"pattern", {{"Regex", "\\C"}}}, {"behavior", "Isolated"}};
  expect_load_error({{"model", unigram_abc()}, {"pre_tokenizer", split}}, {"pre_tokenizer.pattern.Regex", "\\C"});
  Json replace = {{"type", "Replace"}, {"pattern", {{"Regex", "a\\C"}}}, {"content", "b"}};
  expect_load_error({{"model", unigram_abc()}, {"normalizer", replace}}, {"normalizer.pattern.Regex", "\\C"});
  // An escaped backslash followed by C is two literal characters.
  replace["pattern"]["Regex"] = "\\\\C";
  EXPECT_NO_THROW(tokenizer_from_json({{"model", unigram_abc()}, {"normalizer", replace}}));
}

TEST(InvalidUtf8, UnigramNeverStepsPastItsInput) {
  std::string file = "t.json";
  auto model = tok::make_unigram(unigram_abc(), tok::Where{&file, "model"});
  std::vector<tok::Token> out;
  model->tokenize("a\xC3", out);  // a character cut short: the lattice has 3 nodes, not 4
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, 1);
  EXPECT_EQ(out[1].id, 0);
  EXPECT_EQ(out[1].text, "\xC3");
}

Json nested(const char* type, const char* list, Json inner, size_t depth) {
  for (size_t i = 0; i < depth; ++i) inner = {{"type", type}, {list, Json::array({inner})}};
  return inner;
}

TEST(Nesting, DeepSequencesAreRefusedShallowOnesWork) {
  // Each level used to copy the whole subtree below it: quadratic memory (4.9 GB for 180 KB).
  Json model = wordpiece({{"[UNK]", 0}, {"a", 1}});
  expect_load_error({{"model", model}, {"normalizer", nested("Sequence", "normalizers", Json{{"type", "Lowercase"}}, 30)}},
                    {"normalizer.normalizers[0].normalizers[0]", "nested more than"});
  expect_load_error({{"model", model}, {"pre_tokenizer", nested("Sequence", "pretokenizers", Json{{"type", "Whitespace"}}, 30)}},
                    {"pre_tokenizer.pretokenizers[0]", "nested more than"});
  expect_load_error({{"model", model}, {"post_processor", nested("Sequence", "processors", Json{{"type", "ByteLevel"}}, 30)}},
                    {"post_processor.processors[0]", "nested more than"});
  auto tok = tokenizer_from_json({{"model", model},
                                  {"normalizer", nested("Sequence", "normalizers", Json{{"type", "Lowercase"}}, 4)},
                                  {"pre_tokenizer", nested("Sequence", "pretokenizers", Json{{"type", "Whitespace"}}, 4)}});
  EXPECT_EQ(tok.encode("A a").ids, (std::vector<int32_t>{1, 1}));
}

TEST(AddedTokens, LeftmostLongestAndSingleWordAsHuggingFace) {
  Json model = wordpiece({{"[UNK]", 0}, {"x", 1}, {"y", 2}, {"<", 3}});
  auto added = [](const char* content, int id, bool single_word) {
    return Json{{"id", id}, {"content", content}, {"special", true}, {"single_word", single_word}};
  };
  Json list = Json::array({added("<a", 4, false), added("<ab>", 5, true), added("b>", 6, false), added("<ab", 7, false)});
  Json j = {{"model", model}, {"added_tokens", list}, {"pre_tokenizer", {{"type", "Whitespace"}}}};
  auto tok = tokenizer_from_json(j);
  EXPECT_EQ(tok.encode("<ab> y").ids, (std::vector<int32_t>{5, 2}));  // the longest at the leftmost start
  // HF's Aho-Corasick pass resumes after a match refused by single_word: "b>" inside it is not found.
  EXPECT_EQ(tok.encode("x<ab>").ids, (std::vector<int32_t>{1, 3, 0, 0}));  // x < ab >
  EXPECT_EQ(tok.encode("x<aby").ids, (std::vector<int32_t>{1, 7, 2}));
}

TEST(Growth, LongWordsStayCorrect) {
  // WordPiece with a large max_input_chars_per_word and Unigram on one long word: every
  // position is a candidate start; the answers stay those of greedy / Viterbi search.
  Json wp = wordpiece({{"[UNK]", 0}, {"ab", 1}, {"##ab", 2}, {"##a", 3}, {"a", 4}});
  wp["max_input_chars_per_word"] = 1000000;
  std::string word;
  for (int i = 0; i < 5000; ++i) word += "ab";
  word += "a";
  auto e = tokenizer_from_json({{"model", wp}}).encode(word);
  ASSERT_EQ(e.ids.size(), 5001u);
  EXPECT_EQ(e.ids.front(), 1);
  EXPECT_EQ(e.ids[4999], 2);
  EXPECT_EQ(e.ids.back(), 3);
  auto u = tokenizer_from_json({{"model", unigram_abc()}}).encode(std::string(20000, 'a'));
  EXPECT_EQ(u.ids, std::vector<int32_t>(20000, 1));
  // BPE merges pairs across the whole word: lowest rank first, leftmost on ties.
  Json vocab = {{"a", 0}, {"b", 1}, {"aa", 2}, {"aaaa", 3}, {"ab", 4}};
  Json bpe = {{"type", "BPE"}, {"vocab", vocab}, {"merges", Json::array({"a b", "a a", "aa aa"})}};
  auto b = tokenizer_from_json({{"model", bpe}}).encode(std::string(4001, 'a') + "ab").ids;
  ASSERT_EQ(b.size(), 1002u);  // "ab" first (rank 0), then the 4001 a's pair up left to right
  EXPECT_EQ(std::vector<int32_t>(b.begin(), b.end() - 2), std::vector<int32_t>(1000, 3));
  EXPECT_EQ(b[1000], 0);
  EXPECT_EQ(b[1001], 4);
}

}  // namespace
}  // namespace nsmlab
