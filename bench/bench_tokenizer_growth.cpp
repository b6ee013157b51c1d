// Tokenizer cost against input length on adversarial inputs: one long word for WordPiece
// (max_input_chars_per_word lifted), Unigram and BPE, and text full of near-misses for 1000
// added tokens. Each should grow linearly (BigO printed as N).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tokenizer/tokenizer.h"
#include "util/json_file.h"

namespace {

nsmlab::Tokenizer load(const nsmlab::Json& j, const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / ("nsmlab_bench_" + std::to_string(::getpid()) + "_" + name + ".json");
  std::ofstream(path) << j.dump();
  nsmlab::Tokenizer t = nsmlab::Tokenizer::load(path.string());
  std::filesystem::remove(path);
  return t;
}

void run(benchmark::State& state, const nsmlab::Tokenizer& tok, const std::string& text) {
  for (auto _ : state) benchmark::DoNotOptimize(tok.encode(text).ids.data());
  state.SetComplexityN(static_cast<int64_t>(text.size()));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
}

// Entries "a".."aaaaaaaaaaaaaaaa" (and "##" forms): every position starts many candidates.
nsmlab::Json runs_of_a(bool continuing) {
  nsmlab::Json v = {{"[UNK]", 0}};
  for (int len = 1; len <= 16; ++len) {
    v[std::string(size_t(len), 'a')] = v.size();
    if (continuing) v["##" + std::string(size_t(len), 'a')] = v.size();
  }
  return v;
}

void BM_Growth_WordPiece_LongWord(benchmark::State& state) {
  static const nsmlab::Tokenizer tok = load(
      {{"model", {{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"max_input_chars_per_word", 100000000}, {"vocab", runs_of_a(true)}}}},
      "wordpiece");
  run(state, tok, std::string(size_t(state.range(0)), 'a'));
}

void BM_Growth_Unigram_LongWord(benchmark::State& state) {
  static const nsmlab::Tokenizer tok = [] {
    nsmlab::Json pieces = nsmlab::Json::array({nsmlab::Json::array({"<unk>", 0.0})});
    for (int len = 1; len <= 16; ++len) pieces.push_back(nsmlab::Json::array({std::string(size_t(len), 'a'), -1.0 - len * 0.1}));
    return load({{"model", {{"type", "Unigram"}, {"unk_id", 0}, {"vocab", pieces}}}}, "unigram");
  }();
  run(state, tok, std::string(size_t(state.range(0)), 'a'));
}

void BM_Growth_Bpe_LongWord(benchmark::State& state) {
  static const nsmlab::Tokenizer tok = [] {
    nsmlab::Json vocab = {{"a", 0}}, merges = nsmlab::Json::array();
    for (size_t len = 2; len <= 16; len *= 2) {
      vocab[std::string(len, 'a')] = vocab.size();
      merges.push_back(std::string(len / 2, 'a') + " " + std::string(len / 2, 'a'));
    }
    return load({{"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}}}, "bpe");
  }();
  run(state, tok, std::string(size_t(state.range(0)), 'a'));
}

void BM_Growth_AddedTokens_1000(benchmark::State& state) {
  static const nsmlab::Tokenizer tok = [] {
    nsmlab::Json added = nsmlab::Json::array();
    for (int i = 0; i < 1000; ++i)
      added.push_back({{"id", 3 + i}, {"content", "<extra_id_" + std::to_string(i) + ">"}, {"special", true}});
    nsmlab::Json vocab = {{"[UNK]", 0}, {"<", 1}, {"x", 2}};
    return load({{"model", {{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"vocab", vocab}}},
                 {"pre_tokenizer", {{"type", "WhitespaceSplit"}}},
                 {"added_tokens", added}},
                "added");
  }();
  std::string text;
  while (text.size() < size_t(state.range(0))) text += "<extra_id_x ";  // shares a prefix with every added token
  run(state, tok, text);
}

}  // namespace

BENCHMARK(BM_Growth_WordPiece_LongWord)->RangeMultiplier(10)->Range(1000, 1000000)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Growth_Unigram_LongWord)->RangeMultiplier(10)->Range(1000, 1000000)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Growth_Bpe_LongWord)->RangeMultiplier(10)->Range(1000, 1000000)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Growth_AddedTokens_1000)->RangeMultiplier(10)->Range(1000, 1000000)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);
