// Tokenizer throughput (WordPiece and Unigram) on the fixture sentences.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_paths.h"
#include "tokenizer/tokenizer.h"

namespace {

std::vector<std::string> fixture_sentences() {
  std::ifstream in(nsmlab::bench::fixture("tokenizer/sentences.txt"));
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) lines.push_back(l);
  return lines;
}

void run_tokenizer(benchmark::State& state, const std::string& path) {
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(("not found: " + path).c_str());
    return;
  }
  const nsmlab::Tokenizer tok = nsmlab::Tokenizer::load(path);
  const std::vector<std::string> lines = fixture_sentences();
  size_t bytes = 0, tokens = 0;
  for (const auto& l : lines) bytes += l.size();
  for (auto _ : state) {
    for (const auto& l : lines) {
      nsmlab::Encoding e = tok.encode(l, 512);
      tokens += e.ids.size();
      benchmark::DoNotOptimize(e.ids.data());
    }
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(lines.size()));  // sentences/s
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bytes));
  state.counters["tokens/s"] = benchmark::Counter(double(tokens), benchmark::Counter::kIsRate);
}

void BM_Tokenize_WordPiece_BertBaseUncased(benchmark::State& state) {
  run_tokenizer(state, nsmlab::bench::shared_dir() + "/reference/tokenizers/bert-base-uncased-tokenizer/tokenizer.json");
}
void BM_Tokenize_Unigram_Multi(benchmark::State& state) {
  run_tokenizer(state, nsmlab::bench::fixture("tokenizer/spm_ref/unigram_multi.tokenizer.json"));
}

void BM_Tokenizer_Load_BertBaseUncased(benchmark::State& state) {
  const std::string path = nsmlab::bench::shared_dir() + "/reference/tokenizers/bert-base-uncased-tokenizer/tokenizer.json";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(("not found: " + path).c_str());
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(nsmlab::Tokenizer::load(path).vocab_size());
}

}  // namespace

BENCHMARK(BM_Tokenize_WordPiece_BertBaseUncased)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Tokenize_Unigram_Multi)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Tokenizer_Load_BertBaseUncased)->Unit(benchmark::kMillisecond);
