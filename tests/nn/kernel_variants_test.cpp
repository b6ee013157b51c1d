// Every instruction-set variant of the row kernels that this CPU can run gives the results of
// the AVX2 variant, and of a plain double-precision loop, within 1e-6 (relative to the values'
// scale) on random rows of awkward lengths (tails shorter than a vector included).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <random>
#include <vector>

#include "cpu/cpu_features.h"
#include "nn/kernel_variants.h"
#include "reference.h"

namespace nsmlab {
namespace {

constexpr double kTolerance = 1e-6;
const size_t kLengths[] = {1, 3, 7, 8, 15, 16, 17, 33, 64, 100, 384, 513, 1024};

// Values around 0.5: the row kernels are checked off-centre too.
std::vector<float> random_values(size_t n, uint32_t seed, float scale) { return test::normal_values(n, seed, scale, 0.5f); }

class KernelVariant : public ::testing::TestWithParam<cpu::Isa> {};

TEST_P(KernelVariant, LayerNormMatchesAvx2AndDouble) {
  const KernelTable& k = kernels_for(GetParam());
  for (size_t n : kLengths) {
    const size_t rows = 5;
    auto x = random_values(rows * n, uint32_t(n), 3.f), gamma = random_values(n, 7, 1.f), beta = random_values(n, 8, 1.f);
    auto a = x, b = x;
    k.layer_norm_rows(a.data(), rows, n, gamma.data(), beta.data(), 1e-12f);
    kernels_for(cpu::Isa::Avx2).layer_norm_rows(b.data(), rows, n, gamma.data(), beta.data(), 1e-12f);
    for (size_t r = 0; r < rows; ++r) {
      double mean = 0, var = 0;
      for (size_t i = 0; i < n; ++i) mean += x[r * n + i];
      mean /= double(n);
      for (size_t i = 0; i < n; ++i) var += (x[r * n + i] - mean) * (x[r * n + i] - mean);
      const double inv = 1 / std::sqrt(var / double(n) + 1e-12);
      for (size_t i = 0; i < n; ++i) {
        const double ref = (x[r * n + i] - mean) * inv * gamma[i] + beta[i];
        const double scale = std::max(1.0, std::fabs(ref)) * kTolerance;
        ASSERT_NEAR(a[r * n + i], ref, 4 * scale) << "n=" << n;
        ASSERT_NEAR(a[r * n + i], b[r * n + i], scale) << "n=" << n;
      }
    }
  }
}

TEST_P(KernelVariant, SoftmaxMatchesAvx2AndDouble) {
  const KernelTable& k = kernels_for(GetParam());
  for (size_t n : kLengths) {
    auto x = random_values(n, uint32_t(100 + n), 8.f);
    x[n / 2] = -200.f;  // far below the max: exp underflows the same way in both
    auto a = x, b = x;
    k.softmax_inplace(a.data(), n);
    kernels_for(cpu::Isa::Avx2).softmax_inplace(b.data(), n);
    const double m = *std::max_element(x.begin(), x.end());
    double sum = 0;
    for (float v : x) sum += std::exp(double(v) - m);
    for (size_t i = 0; i < n; ++i) {
      const double ref = std::exp(double(x[i]) - m) / sum;
      ASSERT_NEAR(a[i], ref, 4 * kTolerance * std::max(ref, 1e-3)) << "n=" << n << " i=" << i;
      ASSERT_NEAR(a[i], b[i], kTolerance * std::max(double(b[i]), 1e-3)) << "n=" << n << " i=" << i;
    }
  }
}

TEST_P(KernelVariant, L2NormalizeMatchesAvx2AndKeepsZeroRowsFinite) {
  const KernelTable& k = kernels_for(GetParam());
  for (size_t n : kLengths) {
    auto x = random_values(3 * n, uint32_t(200 + n), 2.f);
    std::fill(x.begin() + n, x.begin() + 2 * n, 0.f);  // the middle row is all zeros
    auto a = x, b = x;
    k.l2_normalize_rows(a.data(), 3, n);
    kernels_for(cpu::Isa::Avx2).l2_normalize_rows(b.data(), 3, n);
    for (size_t i = 0; i < 3 * n; ++i) {
      ASSERT_TRUE(std::isfinite(a[i]));
      ASSERT_NEAR(a[i], b[i], kTolerance) << "n=" << n;
    }
    for (size_t r : {0u, 2u}) {
      double sq = 0;
      for (size_t i = 0; i < n; ++i) sq += double(a[r * n + i]) * a[r * n + i];
      ASSERT_NEAR(sq, 1.0, 4 * kTolerance);
    }
  }
}

// softmax(scale q_i . k_j + bias(col_j - col_i)) . v in double, for query row i of one head.
std::vector<double> attention_reference(const std::vector<float>& qkv, size_t ld, size_t L, size_t d, float scale,
                                        const float* rel_bias, const std::vector<int32_t>& col, size_t span, size_t i) {
  std::vector<double> s(L), out(d, 0.0);
  double m = -1e300, sum = 0;
  for (size_t j = 0; j < L; ++j) {
    double dot = 0;
    for (size_t c = 0; c < d; ++c) dot += double(qkv[i * ld + c]) * qkv[j * ld + d + c];
    s[j] = dot * scale + (rel_bias ? rel_bias[span - 1 + col[j] - col[i]] : 0.0);
    m = std::max(m, s[j]);
  }
  for (size_t j = 0; j < L; ++j) sum += s[j] = std::exp(s[j] - m);
  for (size_t j = 0; j < L; ++j)
    for (size_t c = 0; c < d; ++c) out[c] += s[j] / sum * qkv[j * ld + 2 * d + c];
  return out;
}

// One head of one sequence, with and without a relative position bias, for sequence lengths
// and head widths around the vector width (d = 8, 24 and 40 leave a tail of columns).
TEST_P(KernelVariant, AttentionHeadMatchesAvx2AndDouble) {
  const KernelTable& k = kernels_for(GetParam());
  for (size_t d : {8, 24, 32, 40, 64}) {
    for (size_t L : {1, 2, 5, 16, 17, 31, 70}) {
      const size_t ld = 3 * d + 5;  // q | k | v and a gap, as rows of a wider buffer
      auto qkv = random_values(L * ld, uint32_t(d * 1000 + L), 1.f);
      std::vector<int32_t> col(L);
      for (size_t j = 0; j < L; ++j) col[j] = int32_t(j);
      const size_t span = L + 3;
      const auto table = random_values(2 * span - 1, 99, 2.f);
      const float scale = 1.f / std::sqrt(float(d));
      for (const float* bias : {static_cast<const float*>(nullptr), table.data()}) {
        const size_t ldo = d + 3;
        std::vector<float> a(L * ldo, -7.f), b(L * ldo, -7.f);
        std::vector<float> scratch(k.attention_scratch_floats(L, d)), scratch2(scratch.size());
        k.attention_head(qkv.data(), qkv.data() + d, qkv.data() + 2 * d, ld, L, d, scale, bias, col.data(), span,
                         a.data(), ldo, scratch.data());
        kernels_for(cpu::Isa::Avx2).attention_head(qkv.data(), qkv.data() + d, qkv.data() + 2 * d, ld, L, d, scale,
                                                   bias, col.data(), span, b.data(), ldo, scratch2.data());
        for (size_t i = 0; i < L; ++i) {
          const std::vector<double> ref = attention_reference(qkv, ld, L, d, scale, bias, col, span, i);
          for (size_t c = 0; c < d; ++c) {
            const double tol = std::max(1.0, std::fabs(ref[c])) * kTolerance;
            ASSERT_NEAR(a[i * ldo + c], ref[c], 4 * tol) << "d=" << d << " L=" << L << " i=" << i << " c=" << c;
            ASSERT_NEAR(a[i * ldo + c], b[i * ldo + c], 4 * tol) << "d=" << d << " L=" << L;
          }
          for (size_t c = d; c < ldo; ++c) ASSERT_EQ(a[i * ldo + c], -7.f) << "wrote outside its columns";
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(OnThisCpu, KernelVariant, ::testing::ValuesIn(test::runnable_variants()),
                         [](const auto& info) { return std::string(cpu::isa_name(info.param)); });

TEST(KernelVariants, ThisCpuRunsTheAvx512VariantIfItHasAvx512) {
  // Tells in the test log which variants were compared above (a CPU without AVX-512 runs one).
  std::cout << "variants compared on this CPU:";
  for (cpu::Isa isa : test::runnable_variants()) std::cout << ' ' << cpu::isa_name(isa);
  std::cout << '\n';
  EXPECT_FALSE(test::runnable_variants().empty());
}

}  // namespace
}  // namespace nsmlab
