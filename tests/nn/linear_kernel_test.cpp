// Every precision's product against a plain double-precision loop (the op-level test, in the
// manner of ggml's test-backend-ops): each precision states its tolerance, relative to the
// size of the exact result, and runs only where this CPU can run it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "backend/cpu_precision_support.h"
#include "model/tensor_view.h"
#include "nn/kernels.h"
#include "nn/linear_kernel.h"
#include "reference.h"
#include "util/error.h"

namespace nsmlab {
namespace {

// Largest error allowed, as a fraction of the RMS of the exact pre-activation outputs.
double tolerance(Precision p) {
  switch (p) {
    case Precision::Fp32: return 1e-5;
    case Precision::Bf16: return 2e-2;   // 8-bit mantissa inputs, fp32 accumulation
    case Precision::Int8: return 6e-2;   // per-channel weights, per-row activations
    case Precision::Fp16: return 5e-3;
  }
  return 0;
}

class LinearKernelTest : public ::testing::TestWithParam<Precision> {
 protected:
  void SetUp() override {
    const PrecisionSupport s = cpu_precision_support(GetParam());
    if (!s.runs) GTEST_SKIP() << precision_name(GetParam()) << ": " << s.why_not;
  }
};

TEST_P(LinearKernelTest, MatchesPlainLoopForEveryActivationAndRowCount) {
  const size_t K = 37, N1 = 19, N2 = 5, N = N1 + N2;
  auto W1 = test::normal_values(N1 * K, 1, 0.3f), W2 = test::normal_values(N2 * K, 7, 0.3f), b1 = test::normal_values(N1, 2), b2 = test::normal_values(N2, 8);
  for (Activation a : {Activation::Identity, Activation::GeluErf, Activation::GeluTanh, Activation::Relu,
                       Activation::Silu, Activation::Tanh}) {
    LinearSpec spec;
    spec.in = K;
    spec.activation = a;
    spec.weights = {f32_view(W1, {N1, K}, "w1"), f32_view(W2, {N2, K}, "w2")};  // two stacked blocks
    spec.biases = {f32_view(b1, {N1}, "b1"), f32_view(b2, {N2}, "b2")};
    auto lin = make_linear_kernel(spec, GetParam());
    ASSERT_EQ(lin->out_features(), N);
    // 5 twice: the cached primitive is reused; 600 and 1100: split into several calls.
    for (size_t M : {1u, 5u, 64u, 5u, 600u, 1100u}) {
      auto x = test::normal_values(M * K, 3 + M);
      std::vector<float> y(M * N);
      lin->forward(x.data(), M, y.data(), false);
      double ss = 0, worst = 0;
      std::vector<double> exact(M * N);
      for (size_t i = 0; i < M; ++i)
        for (size_t j = 0; j < N; ++j) {
          double s = j < N1 ? b1[j] : b2[j - N1];
          const float* w = j < N1 ? &W1[j * K] : &W2[(j - N1) * K];
          for (size_t k = 0; k < K; ++k) s += double(x[i * K + k]) * w[k];
          exact[i * N + j] = s;
          ss += s * s;
        }
      const double rms = std::sqrt(ss / double(M * N));
      for (size_t i = 0; i < M * N; ++i) worst = std::max(worst, std::abs(y[i] - test::act_ref(a, exact[i])));
      EXPECT_LE(worst, tolerance(GetParam()) * rms) << activation_name(a) << " M=" << M;
    }
  }
}

TEST_P(LinearKernelTest, AccumulateAddsTheResidualAndWorksWithoutBias) {
  const size_t K = 64, N = 48, M = 530;  // split into two calls (528 + 2)
  auto W = test::normal_values(N * K, 4), x = test::normal_values(M * K, 5), r = test::normal_values(M * N, 6);
  LinearSpec spec;
  spec.in = K;
  spec.weights = {f32_view(W, {N, K}, "w")};
  auto lin = make_linear_kernel(spec, GetParam());
  std::vector<float> y = r;
  lin->forward(x.data(), M, y.data(), true);
  double ss = 0, worst = 0;
  for (size_t i = 0; i < M; ++i)
    for (size_t j = 0; j < N; ++j) {
      double s = 0;
      for (size_t k = 0; k < K; ++k) s += double(x[i * K + k]) * W[j * K + k];
      ss += s * s;
      worst = std::max(worst, std::abs(y[i * N + j] - (r[i * N + j] + s)));
    }
  EXPECT_LE(worst, tolerance(GetParam()) * std::sqrt(ss / double(M * N)));
}

// Every code at the end of the int8 range: where u8 x s8 pairs are summed in 16 bits
// (vpmaddubsw, CPUs without VNNI) this saturates; ±1 is exact in every precision.
TEST_P(LinearKernelTest, ExtremeValuesDoNotSaturate) {
  const size_t K = 256, N = 32, M = 48;
  std::vector<float> W(N * K), x(M * K);
  for (size_t j = 0; j < N; ++j)
    for (size_t k = 0; k < K; ++k) W[j * K + k] = (j % 2 ? -1.f : 1.f) * (k % 3 ? 1.f : -1.f);
  for (size_t i = 0; i < M; ++i)
    for (size_t k = 0; k < K; ++k) x[i * K + k] = (i % 2 ? -2.f : 2.f) * (k % 3 ? 1.f : -1.f);
  LinearSpec spec;
  spec.in = K;
  spec.weights = {f32_view(W, {N, K}, "w")};
  auto lin = make_linear_kernel(spec, GetParam());
  std::vector<float> y(M * N);
  lin->forward(x.data(), M, y.data(), false);
  for (size_t i = 0; i < M; ++i)
    for (size_t j = 0; j < N; ++j) {
      const float want = ((i + j) % 2 ? -2.f : 2.f) * float(K);
      ASSERT_NEAR(y[i * N + j], want, 1e-4 * K) << "row " << i << " col " << j;
    }
}

TEST_P(LinearKernelTest, ZeroRowsIsANoOp) {
  auto W = test::normal_values(4 * 3, 9);
  LinearSpec spec;
  spec.in = 3;
  spec.weights = {f32_view(W, {4, 3}, "w")};
  make_linear_kernel(spec, GetParam())->forward(nullptr, 0, nullptr, false);
}

// A K -> N product with bias and GELU, as FFN-up.
LinearSpec ffn_up_spec(const std::vector<float>& W, const std::vector<float>& b, size_t K, size_t N) {
  LinearSpec spec;
  spec.in = K;
  spec.activation = Activation::GeluErf;
  spec.weights = {f32_view(W, {N, K}, "w")};
  spec.biases = {f32_view(b, {N}, "b")};
  return spec;
}

// The bf16 hand-off between FFN-up and FFN-down (linear_kernel.h): reading x already rounded
// to bf16 is exactly the product on x; writing bf16 is the fp32 result rounded (within one
// bf16 step: oneDNN may round its fp32 accumulator once where the fp32 path stores it).
TEST(LinearBf16, HandsOverActivationsInBf16) {
  if (!cpu_precision_support(Precision::Bf16).runs) GTEST_SKIP() << cpu_precision_support(Precision::Bf16).why_not;
  const size_t K = 96, N = 40;
  auto W = test::normal_values(N * K, 11, 0.2f), b = test::normal_values(N, 12);
  const LinearSpec spec = ffn_up_spec(W, b, K, N);
  auto lin = make_linear_kernel(spec, Precision::Bf16);
  ASSERT_EQ(lin->native_form(), RowForm::Bf16);
  for (size_t M : {1u, 37u, 600u}) {
    auto x = test::normal_values(M * K, 13 + M);
    std::vector<uint16_t> x16(x.size());
    for (size_t i = 0; i < x.size(); ++i) x16[i] = float_to_bf16(x[i]);
    std::vector<float> y(M * N), y_from(M * N, 0.f), y_acc(M * N, 0.f);
    std::vector<uint16_t> y16(M * N);
    lin->forward(x.data(), M, y.data(), false);
    lin->run({.f32 = x.data()}, M, {.bf16 = y16.data()});
    for (size_t i = 0; i < y.size(); ++i) {
      const float rounded = bf16_to_float(float_to_bf16(y[i]));
      const float step = std::abs(rounded) * (1.f / 128);
      ASSERT_LE(std::abs(bf16_to_float(y16[i]) - rounded), step) << "M=" << M << " i=" << i;
    }
    // Identity products on bf16 input: the same primitive as forward's.
    LinearSpec plain = spec;
    plain.activation = Activation::Identity;
    auto lin2 = make_linear_kernel(plain, Precision::Bf16);
    std::vector<float> ref(M * N, 0.f);
    lin2->forward(x.data(), M, ref.data(), true);
    lin2->run({.bf16 = x16.data()}, M, {.f32 = y_acc.data(), .accumulate = true});
    for (size_t i = 0; i < ref.size(); ++i) ASSERT_EQ(ref[i], y_acc[i]) << "M=" << M << " i=" << i;
  }
}

// The int8 hand-off between FFN-up and FFN-down (linear_kernel.h): both sides are exactly the
// fp32-in, fp32-out product with the quantisation moved across the boundary.
TEST(LinearInt8, HandsOverActivationsInInt8) {
  if (!cpu_precision_support(Precision::Int8).runs) GTEST_SKIP() << cpu_precision_support(Precision::Int8).why_not;
  const size_t K = 96, N = 40;
  auto W = test::normal_values(N * K, 31, 0.2f), b = test::normal_values(N, 32);
  const LinearSpec spec = ffn_up_spec(W, b, K, N);
  auto up = make_linear_kernel(spec, Precision::Int8);
  ASSERT_EQ(up->native_form(), RowForm::Int8);
  LinearSpec plain = spec;
  plain.activation = Activation::Identity;
  auto down = make_linear_kernel(plain, Precision::Int8);
  for (size_t M : {1u, 37u, 600u}) {
    auto x = test::normal_values(M * K, 33 + M);
    x[0] = 0.f;
    std::vector<float> y(M * N), y_scale(M), scale(M);
    std::vector<int8_t> y_codes(M * N), got(M * N), codes(M * K);
    up->forward(x.data(), M, y.data(), false);
    quantize_rows_s8(y.data(), M, N, y_codes.data(), y_scale.data());
    std::vector<float> got_scale(M);
    up->run({.f32 = x.data()}, M, {.s8 = got.data(), .s8_scale = got_scale.data()});
    ASSERT_EQ(got, y_codes) << "M=" << M;
    ASSERT_EQ(got_scale, y_scale) << "M=" << M;
    quantize_rows_s8(x.data(), M, K, codes.data(), scale.data());
    auto res = test::normal_values(M * N, 34 + M);
    std::vector<float> want = res, from = res;
    down->forward(x.data(), M, want.data(), true);
    down->run({.s8 = codes.data(), .s8_scale = scale.data()}, M, {.f32 = from.data(), .accumulate = true});
    ASSERT_EQ(from, want) << "M=" << M;
  }
}

// A product reads and writes fp32 and its own compute form, nothing else (linear_kernel.h).
TEST(LinearKernel, ReadsAndWritesOnlyFp32AndItsOwnForm) {
  auto W = test::normal_values(4 * 3, 9);
  LinearSpec spec;
  spec.in = 3;
  spec.weights = {f32_view(W, {4, 3}, "w")};
  int8_t q[4];
  float s[1];
  uint16_t h[4];
  for (Precision p : {Precision::Fp32, Precision::Bf16, Precision::Int8}) {
    if (!cpu_precision_support(p).runs) continue;
    auto lin = make_linear_kernel(spec, p);
    const RowForm own = p == Precision::Bf16 ? RowForm::Bf16 : p == Precision::Int8 ? RowForm::Int8 : RowForm::Fp32;
    EXPECT_EQ(lin->native_form(), own);
    if (own != RowForm::Int8) EXPECT_THROW(lin->run({.f32 = W.data()}, 1, {.s8 = q, .s8_scale = s}), Error);
    if (own != RowForm::Bf16) EXPECT_THROW(lin->run({.f32 = W.data()}, 1, {.bf16 = h}), Error);
  }
}

// int8 scales come from max|W_c|: a non-finite weight cannot be quantised, and says where it is.
TEST(LinearInt8, RefusesANonFiniteWeightNamingItsTensor) {
  if (!cpu_precision_support(Precision::Int8).runs) GTEST_SKIP() << cpu_precision_support(Precision::Int8).why_not;
  auto W1 = test::normal_values(4 * 3, 1), W2 = test::normal_values(4 * 3, 2);
  W2[5] = std::numeric_limits<float>::infinity();
  LinearSpec spec;
  spec.in = 3;
  spec.weights = {f32_view(W1, {4, 3}, "layer.0.query.weight"), f32_view(W2, {4, 3}, "layer.0.key.weight")};
  try {
    make_linear_kernel(spec, Precision::Int8);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("layer.0.key.weight"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Precisions, LinearKernelTest, ::testing::Values(Precision::Fp32, Precision::Bf16, Precision::Int8),
                         [](const auto& info) { return std::string(precision_name(info.param)); });

}  // namespace
}  // namespace nsmlab
