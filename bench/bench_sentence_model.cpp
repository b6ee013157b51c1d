// SentenceModel::embed on a tiny fixture model (always) and, when NSMLAB_BENCH_MODEL
// names a real-size model folder, on that model for a batch of 32 x 64 tokens, in each
// precision this CPU runs (fp32, bf16, int8 products).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "backend/cpu_precision_support.h"
#include "bench_paths.h"
#include "nn/sentence_model.h"

namespace {

// Full batch (no padding) of random ids in [5, vocab): what the encoder sees after batching.
nsmlab::TokenBatch random_batch(size_t batch, size_t seq_len, int32_t vocab) {
  nsmlab::TokenBatch tb;
  tb.batch = batch;
  tb.seq_len = seq_len;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int32_t> id(5, vocab - 1);
  tb.ids.resize(batch * seq_len);
  for (auto& v : tb.ids) v = id(rng);
  tb.type_ids.assign(batch * seq_len, 0);
  tb.mask.assign(batch * seq_len, 1);
  return tb;
}

void run_embed(benchmark::State& state, const std::string& dir, nsmlab::Precision precision) {
  const nsmlab::PrecisionSupport s = nsmlab::cpu_precision_support(precision);
  if (!s.runs) {
    state.SkipWithError(s.why_not.c_str());
    return;
  }
  // Loaded once per folder and precision, kept for the repetitions (and out of profiles).
  static std::map<std::pair<std::string, int>, std::unique_ptr<nsmlab::SentenceModel>> loaded;
  auto& model = loaded[{dir, static_cast<int>(precision)}];
  if (!model) model = nsmlab::SentenceModel::load(dir, precision);
  const size_t batch = size_t(state.range(0)), seq = size_t(state.range(1));
  const auto vocab = int32_t(model->folder().config.vocab_size);
  const nsmlab::TokenBatch tb = random_batch(batch, seq, vocab);
  benchmark::DoNotOptimize(model->embed(tb).data.data());  // warm-up: kernels and scratch are set up on first use
  for (auto _ : state) {
    nsmlab::Matrix m = model->embed(tb);
    benchmark::DoNotOptimize(m.data.data());
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(batch));  // sentences/s
  state.counters["tokens/s"] = benchmark::Counter(double(state.iterations() * batch * seq), benchmark::Counter::kIsRate);
  char label[96];
  std::snprintf(label, sizeof label, "%s %.2fM params %s", model->architecture().c_str(), model->parameter_count() / 1e6,
                std::string(nsmlab::precision_name(precision)).c_str());
  state.SetLabel(label);
}

void BM_Embed_TinyFixture(benchmark::State& state) {
  run_embed(state, nsmlab::bench::fixture("models/bert-mean"), nsmlab::Precision::Fp32);
}

void BM_Embed_RealModel(benchmark::State& state) {
  const char* dir = std::getenv("NSMLAB_BENCH_MODEL");
  if (!dir || !*dir) {
    state.SkipWithError("set NSMLAB_BENCH_MODEL to a real-size model folder");
    return;
  }
  run_embed(state, dir, static_cast<nsmlab::Precision>(state.range(2)));
}

}  // namespace

// The tiny model's position table holds 40 tokens.
BENCHMARK(BM_Embed_TinyFixture)->Args({32, 30})->Unit(benchmark::kMicrosecond);
// Third argument: the precision (0 fp32, 1 bf16, 3 int8: nsmlab::Precision).
BENCHMARK(BM_Embed_RealModel)->Args({32, 64, 0})->Args({32, 64, 1})->Args({32, 64, 3})->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
