// The row kernels of the bf16 and int8 products (conversion, quantisation, epilogue), in every
// instruction-set variant this CPU can run, against plain double-precision definitions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "cpu/cpu_features.h"
#include "model/tensor_view.h"
#include "nn/kernel_variants.h"
#include "reference.h"

namespace nsmlab {
namespace {

const size_t kLowpLengths[] = {1, 7, 16, 17, 33, 100, 768};

class LowpKernel : public ::testing::TestWithParam<cpu::Isa> {};

TEST_P(LowpKernel, Bf16RoundsToNearestEvenAndKeepsSpecials) {
  const KernelTable& k = kernels_for(GetParam());
  for (size_t n : kLowpLengths) {
    auto x = test::normal_values(3 * n, uint32_t(n), 5.f);
    std::vector<uint16_t> b(x.size());
    k.f32_to_bf16_rows(x.data(), 3, n, b.data());
    for (size_t i = 0; i < x.size(); ++i) {
      // The nearest bf16: the error is at most half a bf16 unit (8 significant bits).
      const double err = std::fabs(double(bf16_to_float(b[i])) - x[i]);
      ASSERT_LE(err, std::ldexp(std::fabs(double(x[i])), -8)) << x[i];
    }
  }
  // Ties go to even; infinities stay; NaN stays NaN; 0x3F808000 is 1 + 2^-8 (a tie, even below).
  const uint32_t bits[] = {0x3F808000u, 0x3F818000u, 0x7F800000u, 0xFF800000u, 0x7FC00001u, 0x7F800001u};
  float in[6];
  std::memcpy(in, bits, sizeof in);
  uint16_t out[6];
  k.f32_to_bf16_rows(in, 1, 6, out);
  EXPECT_EQ(out[0], 0x3F80u);
  EXPECT_EQ(out[1], 0x3F82u);
  EXPECT_EQ(out[2], 0x7F80u);
  EXPECT_EQ(out[3], 0xFF80u);
  EXPECT_TRUE(std::isnan(bf16_to_float(out[4])));
  EXPECT_TRUE(std::isnan(bf16_to_float(out[5])));
}

TEST_P(LowpKernel, QuantiseIsSymmetricPerRowAndZeroRowsStayZero) {
  const KernelTable& k = kernels_for(GetParam());
  for (size_t n : kLowpLengths) {
    auto x = test::normal_values(4 * n, uint32_t(n) + 1, 2.f);
    for (size_t i = 0; i < n; ++i) x[2 * n + i] = 0.f;  // row 2: all zero
    std::vector<int8_t> q(x.size());
    std::vector<float> scale(4);
    k.quantize_rows_s8(x.data(), 4, n, q.data(), scale.data());
    for (size_t r = 0; r < 4; ++r) {
      double m = 0;
      for (size_t i = 0; i < n; ++i) m = std::max(m, std::fabs(double(x[r * n + i])));
      ASSERT_NEAR(scale[r], m / 127, 1e-6 * m) << "n=" << n;
      for (size_t i = 0; i < n; ++i) {
        const int v = q[r * n + i];
        ASSERT_GE(v, -127);
        if (m == 0) {
          ASSERT_EQ(v, 0);
          continue;
        }
        // The nearest code: within half a step, plus float rounding.
        ASSERT_LE(std::fabs(v - x[r * n + i] / (m / 127)), 0.5 + 1e-4) << "n=" << n;
      }
    }
  }
}

TEST_P(LowpKernel, EpilogueScalesAddsBiasAndActivates) {
  const KernelTable& k = kernels_for(GetParam());
  const size_t rows = 3;
  for (size_t n : kLowpLengths) {
    auto acc = test::normal_values(rows * n, uint32_t(n) + 2, 3000.f), bias = test::normal_values(n, 5, 1.f);
    auto cs = test::normal_values(n, 6, 1e-3f), res = test::normal_values(rows * n, 7, 1.f);
    const std::vector<float> rs = {1e-3f, 0.f, 2e-3f};  // row 1 was all zero
    for (Activation a : {Activation::Identity, Activation::GeluErf, Activation::GeluTanh, Activation::Relu,
                         Activation::Silu, Activation::Tanh}) {
      for (bool accumulate : {false, true}) {
        if (accumulate && a != Activation::Identity) continue;
        std::vector<float> y = accumulate ? res : acc;  // in place when not accumulating
        k.dequantize_rows(accumulate ? acc.data() : y.data(), rows, n, rs.data(), cs.data(), bias.data(), a, accumulate,
                          y.data());
        for (size_t r = 0; r < rows; ++r)
          for (size_t c = 0; c < n; ++c) {
            const double pre = double(acc[r * n + c]) * rs[r] * cs[c] + bias[c];
            const double want = accumulate ? res[r * n + c] + pre : test::act_ref(a, pre);
            ASSERT_NEAR(y[r * n + c], want, 1e-6 * std::max(1.0, std::fabs(want)))
                << activation_name(a) << " n=" << n << " pre=" << pre;
          }
      }
    }
  }
}

// The int8 FFN hand-over's epilogue is exactly the epilogue followed by the quantisation.
TEST_P(LowpKernel, RequantiseIsDequantiseThenQuantiseExactly) {
  const KernelTable& k = kernels_for(GetParam());
  const size_t rows = 3;
  for (size_t n : kLowpLengths) {
    auto acc = test::normal_values(rows * n, uint32_t(n) + 20, 3000.f), bias = test::normal_values(n, 21, 1.f);
    auto cs = test::normal_values(n, 22, 1e-3f);
    std::vector<float> rs = {1e-3f, 0.f, 2e-3f};
    std::fill(bias.begin(), bias.end(), 0.f);  // row 1 then dequantises to zeros: the zero-row case
    for (Activation a : {Activation::Identity, Activation::GeluErf, Activation::GeluTanh, Activation::Relu,
                         Activation::Silu, Activation::Tanh}) {
      std::vector<float> y(rows * n), work = acc, want_scale(rows), got_scale(rows);
      std::vector<int8_t> want(rows * n), got(rows * n);
      k.dequantize_rows(acc.data(), rows, n, rs.data(), cs.data(), bias.data(), a, false, y.data());
      k.quantize_rows_s8(y.data(), rows, n, want.data(), want_scale.data());
      k.requantize_rows(work.data(), rows, n, rs.data(), cs.data(), bias.data(), a, got.data(), got_scale.data());
      ASSERT_EQ(got, want) << activation_name(a) << " n=" << n;
      ASSERT_EQ(got_scale, want_scale) << activation_name(a) << " n=" << n;
      ASSERT_EQ(work, y) << activation_name(a) << " n=" << n;  // acc holds the activations after
    }
  }
}

// LayerNorm that writes the next product's input gives the LayerNorm rows and their conversion,
// exactly.
TEST_P(LowpKernel, LayerNormWritesTheNextProductsInputExactly) {
  const KernelTable& k = kernels_for(GetParam());
  const size_t rows = 4;
  for (size_t n : kLowpLengths) {
    auto x = test::normal_values(rows * n, uint32_t(n) + 40, 3.f), gamma = test::normal_values(n, 41, 1.f),
         beta = test::normal_values(n, 42, 1.f);
    auto want = x;
    k.layer_norm_rows(want.data(), rows, n, gamma.data(), beta.data(), 1e-5f);
    std::vector<uint16_t> want16(rows * n), got16(rows * n);
    k.f32_to_bf16_rows(want.data(), rows, n, want16.data());
    std::vector<int8_t> want_q(rows * n), got_q(rows * n);
    std::vector<float> want_s(rows), got_s(rows);
    k.quantize_rows_s8(want.data(), rows, n, want_q.data(), want_s.data());
    auto a = x, b = x;
    k.layer_norm_rows_bf16(a.data(), rows, n, gamma.data(), beta.data(), 1e-5f, got16.data());
    k.layer_norm_rows_s8(b.data(), rows, n, gamma.data(), beta.data(), 1e-5f, got_q.data(), got_s.data());
    ASSERT_EQ(a, want) << "n=" << n;
    ASSERT_EQ(b, want) << "n=" << n;
    ASSERT_EQ(got16, want16) << "n=" << n;
    ASSERT_EQ(got_q, want_q) << "n=" << n;
    ASSERT_EQ(got_s, want_s) << "n=" << n;
  }
}

TEST_P(LowpKernel, ActivationsHoldOverTheirWholeRange) {
  const KernelTable& k = kernels_for(GetParam());
  std::vector<float> x;
  for (double v = -30; v <= 30; v += 0.01) x.push_back(float(v));
  const std::vector<float> ones(x.size(), 1.f), zeros(x.size(), 0.f), rs = {1.f};
  for (Activation a : {Activation::GeluErf, Activation::GeluTanh, Activation::Silu, Activation::Tanh}) {
    std::vector<float> y(x.size());
    k.dequantize_rows(x.data(), 1, x.size(), rs.data(), ones.data(), zeros.data(), a, false, y.data());
    for (size_t i = 0; i < x.size(); ++i) {
      const double want = test::act_ref(a, x[i]);
      ASSERT_NEAR(y[i], want, 1e-6 * std::max(1.0, std::fabs(want))) << activation_name(a) << " x=" << x[i];
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Variants, LowpKernel, ::testing::ValuesIn(test::runnable_variants()),
                         [](const auto& info) { return std::string(cpu::isa_name(info.param)); });

}  // namespace
}  // namespace nsmlab
