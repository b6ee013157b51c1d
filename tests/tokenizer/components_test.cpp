// Components the real files do not exercise (BPE, ByteLevel, Split, Metaspace schemes,
// normalizers), on small hand-written tokenizer.json files with hand-derived answers.
#include <filesystem>
#include <fstream>

#include "reference_helpers.h"
#include "tokenizer/byte_level.h"

namespace nsmlab {
namespace {

Tokenizer from_json(const Json& j) { return test::tokenizer_from_json(j); }

Json wordlevel_like_wordpiece(Json vocab) {
  return {{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"continuing_subword_prefix", "##"}, {"vocab", vocab}};
}

TEST(Components, BpeWithMergesInBothFormsAndByteLevel) {
  // "Ġ" is the byte-level form of a space.
  Json vocab = {{"h", 0}, {"e", 1}, {"l", 2}, {"o", 3}, {"he", 4}, {"ll", 5}, {"hell", 6}, {"hello", 7},
                {"\xC4\xA0", 8}, {"\xC4\xA0h", 9}, {"w", 10}, {"!", 11}};
  auto pair = [](const char* a, const char* b) { return Json::array({a, b}); };
  std::vector<Json> forms = {Json::array({"h e", "l l", "he ll", "hell o", "\xC4\xA0 h"}),
                             Json::array({pair("h", "e"), pair("l", "l"), pair("he", "ll"), pair("hell", "o"), pair("\xC4\xA0", "h")})};
  for (const Json& merges : forms) {
    Json j = {{"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}},
              {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
              {"post_processor", {{"type", "ByteLevel"}}}};
    auto tok = from_json(j);
    auto e = tok.encode("hello hell!");
    // "hello"; "Ġhell": h+e (rank 0) beats Ġ+h (rank 4), then ll, then he+ll; "!"
    EXPECT_EQ(e.ids, (std::vector<int32_t>{7, 8, 6, 11}));
    EXPECT_EQ(tok.num_special_tokens(), 0u);
  }
}

TEST(Components, BpeUnknownFusesAndPrefix) {
  Json j = {{"model", {{"type", "BPE"}, {"vocab", {{"a", 0}, {"##b", 1}, {"ab", 2}, {"<unk>", 3}}}, {"merges", Json::array({"a ##b"})},
                       {"unk_token", "<unk>"}, {"continuing_subword_prefix", "##"}, {"fuse_unk", true}}},
            {"pre_tokenizer", {{"type", "WhitespaceSplit"}}}};
  auto tok = from_json(j);
  EXPECT_EQ(tok.encode("ab axyb").ids, (std::vector<int32_t>{2, 0, 3, 1}));
}

TEST(Components, Gpt2SplitPattern) {
  std::string s = "I'm  here\n it's 42x";
  std::vector<std::string> parts;
  for (auto [b, e] : tok::gpt2_split(s)) parts.push_back(s.substr(b, e - b));
  EXPECT_EQ(parts, (std::vector<std::string>{"I", "'m", " ", " here", "\n", " it", "'s", " 42", "x"}));
  EXPECT_EQ(tok::bytes_to_unicode(" \n"), "\xC4\xA0\xC4\x8A");  // Ġ Ċ
}

TEST(Components, MetaspacePrependSchemes) {
  Json vocab = Json::array({{"<unk>", 0.0}, {"\xE2\x96\x81" "a", -1.0}, {"a", -2.0}, {"\xE2\x96\x81", -3.0}, {"[X]", 0.0}});
  for (auto [scheme, want] : std::vector<std::pair<std::string, std::vector<int32_t>>>{
           {"always", {1, 4, 1}}, {"first", {1, 4, 2}}, {"never", {2, 4, 2}}}) {
    Json j = {{"model", {{"type", "Unigram"}, {"unk_id", 0}, {"vocab", vocab}}},
              {"added_tokens", Json::array({Json{{"id", 4}, {"content", "[X]"}, {"special", true}}})},
              {"pre_tokenizer", {{"type", "Metaspace"}, {"replacement", "\xE2\x96\x81"}, {"prepend_scheme", scheme}}}};
    EXPECT_EQ(from_json(j).encode("a[X]a").ids, want) << scheme;
  }
}

TEST(Components, UnigramFusesUnknownsAndByteFallback) {
  Json vocab = Json::array({{"<unk>", 0.0}, {"ab", -1.0}, {"a", -2.0}, {"b", -2.0}, {"<0xC3>", -5.0}, {"<0xA9>", -5.0}});
  Json j = {{"model", {{"type", "Unigram"}, {"unk_id", 0}, {"vocab", vocab}}}};
  auto e = from_json(j).encode("abxyb");
  EXPECT_EQ(e.ids, (std::vector<int32_t>{1, 0, 3}));
  EXPECT_EQ(e.tokens[1], "xy");
  j["model"]["byte_fallback"] = true;
  EXPECT_EQ(from_json(j).encode("a\xC3\xA9").ids, (std::vector<int32_t>{2, 4, 5}));
}

TEST(Components, NormalizersAndSplitBehaviors) {
  Json vocab = {{"[UNK]", 0}, {"a", 1}, {"b", 2}, {"-", 3}, {"a-", 4}, {"-b", 5}, {"x", 6}, {"1", 7}, {"2", 8}, {"12", 9}};
  auto tok_with = [&](Json norm, Json pre) {
    return from_json({{"model", wordlevel_like_wordpiece(vocab)}, {"normalizer", norm}, {"pre_tokenizer", pre}});
  };
  Json nul = nullptr;
  auto split = [](const char* behavior) {
    return Json{{"type", "Split"}, {"pattern", Json{{"String", "-"}}}, {"behavior", behavior}, {"invert", false}};
  };
  EXPECT_EQ(tok_with(nul, split("Isolated")).encode("a-b").ids, (std::vector<int32_t>{1, 3, 2}));
  EXPECT_EQ(tok_with(nul, split("Removed")).encode("a-b").ids, (std::vector<int32_t>{1, 2}));
  EXPECT_EQ(tok_with(nul, split("MergedWithPrevious")).encode("a-b").ids, (std::vector<int32_t>{4, 2}));
  EXPECT_EQ(tok_with(nul, split("MergedWithNext")).encode("a-b").ids, (std::vector<int32_t>{1, 5}));
  Json digits = {{"type", "Sequence"},
                 {"pretokenizers", Json::array({Json{{"type", "WhitespaceSplit"}}, Json{{"type", "Digits"}, {"individual_digits", true}}})}};
  EXPECT_EQ(tok_with(nul, digits).encode("12 a").ids, (std::vector<int32_t>{7, 8, 1}));
  Json seq = {{"type", "Sequence"},
              {"normalizers", Json::array({Json{{"type", "NFKD"}}, Json{{"type", "StripAccents"}}, Json{{"type", "Lowercase"}},
                                           Json{{"type", "Replace"}, {"pattern", Json{{"Regex", "\\s+"}}}, {"content", "-"}},
                                           Json{{"type", "Strip"}, {"strip_left", true}, {"strip_right", true}}})}};
  // NFKD splits the accent off, StripAccents drops it, \s (Unicode: U+3000 too) becomes "-".
  EXPECT_EQ(tok_with(seq, Json{{"type", "Whitespace"}}).encode("\xC3\x81\xE3\x80\x80" "B").ids, (std::vector<int32_t>{1, 3, 2}));
  Json pre = {{"type", "Prepend"}, {"prepend", "x"}};
  EXPECT_EQ(tok_with(pre, Json{{"type", "WhitespaceSplit"}}).encode("a").ids, (std::vector<int32_t>{0}));  // "xa" unknown
}

TEST(Errors, MissingFileInvalidJsonUnknownTypes) {
  try {
    Tokenizer::load("/nonexistent/tokenizer.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/tokenizer.json"), std::string::npos);
  }
  auto dir = std::filesystem::temp_directory_path() / ("nsmlab_tok_err_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto bad = (dir / "bad.json").string();
  std::ofstream(bad) << "{\"model\": ";
  EXPECT_THROW(Tokenizer::load(bad), Error);
  auto expect_error = [&](const Json& j, const std::vector<std::string>& needles) {
    auto p = (dir / "t.json").string();
    std::ofstream(p) << j.dump();
    try {
      Tokenizer::load(p);
      ADD_FAILURE() << "no error for " << j.dump();
    } catch (const Error& e) {
      std::string m = e.what();
      EXPECT_NE(m.find(p), std::string::npos) << m;
      for (auto& n : needles) EXPECT_NE(m.find(n), std::string::npos) << m << " lacks " << n;
    }
  };
  Json wp = wordlevel_like_wordpiece({{"[UNK]", 0}});
  expect_error({{"model", {{"type", "WordLevelX"}, {"vocab", Json::object()}}}}, {"model.type", "WordLevelX"});
  expect_error({{"model", wp}, {"normalizer", {{"type", "Fancy"}}}}, {"normalizer.type", "Fancy"});
  expect_error({{"model", wp}, {"pre_tokenizer", {{"type", "Sequence"}, {"pretokenizers", Json::array({Json{{"type", "Nope"}}})}}}},
               {"pre_tokenizer.pretokenizers[0].type", "Nope"});
  expect_error({{"model", wp}, {"post_processor", {{"type", "Weird"}}}}, {"post_processor.type"});
  expect_error({{"model", {{"type", "WordPiece"}}}}, {"vocab"});
  expect_error(Json{{"normalizer", nullptr}}, {"model"});
  expect_error({{"model", {{"type", "Unigram"}, {"vocab", Json::array({Json::array({"a", "x"})})}}}}, {"model.vocab[0]"});
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace nsmlab
