// LinearKernel per precision at the 278M model's (XLM-R base) product shapes, 512 rows (one
// full tile): QKV [768 -> 2304], attention output [768 -> 768, += residual], FFN up
// [768 -> 3072, GELU], FFN down [3072 -> 768, += residual]; and the GEMM-peak probe per
// precision, the ceiling to compare them with. Counter GFLOP/s = 2 M K N per call (the mean),
// best_GFLOP/s the fastest call's rate.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include "backend/cpu_precision_support.h"
#include "nn/gemm_peak.h"
#include "nn/kernels.h"
#include "nn/linear_kernel.h"

namespace {

using nsmlab::Activation;
using nsmlab::Precision;

std::vector<float> randn(size_t n, uint32_t seed, float scale) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> nd(0.f, scale);
  std::vector<float> v(n);
  for (auto& x : v) x = nd(rng);
  return v;
}

bool runnable(benchmark::State& state, Precision p) {
  const nsmlab::PrecisionSupport s = nsmlab::cpu_precision_support(p);
  if (!s.runs) state.SkipWithError(s.why_not.c_str());
  return s.runs;
}

// range(0): precision, range(1): K, range(2): N, range(3): 1 = GELU, 2 = accumulate.
void BM_Linear(benchmark::State& state) {
  const auto p = static_cast<Precision>(state.range(0));
  if (!runnable(state, p)) return;
  const size_t M = 512, K = size_t(state.range(1)), N = size_t(state.range(2));
  const bool gelu = state.range(3) == 1, accumulate = state.range(3) == 2;
  const auto W = randn(N * K, 1, 0.03f), b = randn(N, 2, 0.1f), x = randn(M * K, 3, 1.f);
  nsmlab::LinearSpec spec;
  spec.in = K;
  spec.activation = gelu ? Activation::GeluErf : Activation::Identity;
  spec.weights = {nsmlab::f32_view(W, {N, K}, "w")};
  spec.biases = {nsmlab::f32_view(b, {N}, "b")};
  auto lin = nsmlab::make_linear_kernel(spec, p);
  std::vector<float> y(M * N);
  lin->forward(x.data(), M, y.data(), accumulate);  // warm-up: primitive, scratch
  double best = 1e30;  // the fastest call: on a shared machine the mean measures the neighbours
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    lin->forward(x.data(), M, y.data(), accumulate);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    benchmark::DoNotOptimize(y.data());
  }
  const double flop = 2.0 * double(M * K * N);
  state.counters["GFLOP/s"] = benchmark::Counter(flop * double(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
  state.counters["best_GFLOP/s"] = flop / best / 1e9;
  state.SetLabel(std::string(nsmlab::precision_name(p)) + (gelu ? " gelu" : accumulate ? " +=" : ""));
}

void BM_GemmPeak(benchmark::State& state) {
  const auto p = static_cast<Precision>(state.range(0));
  if (!runnable(state, p)) return;
  double g = 0;
  for (auto _ : state) g = nsmlab::measure_gemm_peak_gflops(p, 0.5);
  state.counters["GFLOP/s"] = g;
  state.SetLabel(std::string(nsmlab::precision_name(p)) + " 512x1024x4096");
}

void shapes(benchmark::internal::Benchmark* b) {
  for (Precision p : {Precision::Fp32, Precision::Bf16, Precision::Int8}) {
    const auto i = static_cast<int64_t>(p);
    b->Args({i, 768, 2304, 0})->Args({i, 768, 768, 2})->Args({i, 768, 3072, 1})->Args({i, 3072, 768, 2});
  }
}

}  // namespace

BENCHMARK(BM_Linear)->Apply(shapes)->ArgNames({"prec", "K", "N", "epi"})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_GemmPeak)
    ->Arg(int64_t(Precision::Fp32))
    ->Arg(int64_t(Precision::Bf16))
    ->Arg(int64_t(Precision::Int8))
    ->ArgName("prec")
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

namespace {

// The int8 products' own passes on one [512, K] tile: quantising the input, and the epilogue
// (scales + bias + GELU) on a [512, N] product. Counter: GB/s of fp32 read.
void BM_QuantizeRows(benchmark::State& state) {
  const size_t M = 512, K = size_t(state.range(0));
  const auto x = randn(M * K, 3, 1.f);
  std::vector<int8_t> q(M * K);
  std::vector<float> scale(M);
  for (auto _ : state) {
    nsmlab::quantize_rows_s8(x.data(), M, K, q.data(), scale.data());
    benchmark::DoNotOptimize(q.data());
  }
  state.counters["GB/s"] = benchmark::Counter(4.0 * double(M * K) * double(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

void BM_DequantizeGelu(benchmark::State& state) {
  const size_t M = 512, N = size_t(state.range(0));
  const auto acc = randn(M * N, 3, 3000.f), cs = randn(N, 4, 1e-3f), b = randn(N, 5, 0.1f);
  const std::vector<float> rs(M, 1e-3f);
  std::vector<float> y(M * N);
  for (auto _ : state) {
    nsmlab::dequantize_rows(acc.data(), M, N, rs.data(), cs.data(), b.data(), Activation::GeluErf, false, y.data());
    benchmark::DoNotOptimize(y.data());
  }
  state.counters["GB/s"] = benchmark::Counter(4.0 * double(M * N) * double(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_QuantizeRows)->Arg(768)->Arg(3072)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_DequantizeGelu)->Arg(768)->Arg(3072)->Unit(benchmark::kMicrosecond)->UseRealTime();
