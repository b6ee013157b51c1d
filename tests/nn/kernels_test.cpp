// The building blocks against plain loops in double precision.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "nn/attention.h"
#include "nn/kernels.h"
#include "nn/relative_position.h"
#include "util/json_file.h"

namespace nsmlab {
namespace {

std::vector<float> randn(size_t n, uint32_t seed, float scale = 1.f) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> nd(0.f, scale);
  std::vector<float> v(n);
  for (auto& x : v) x = nd(rng);
  return v;
}

TEST(Kernels, LayerNormSoftmaxNormalize) {
  const size_t n = 50;
  auto x = randn(2 * n, 7, 3.f), g = randn(n, 8), be = randn(n, 9);
  auto y = x;
  layer_norm_rows(y.data(), 2, n, g.data(), be.data(), 1e-5f);
  for (size_t r = 0; r < 2; ++r) {
    double mu = 0, var = 0;
    for (size_t i = 0; i < n; ++i) mu += x[r * n + i];
    mu /= n;
    for (size_t i = 0; i < n; ++i) var += (x[r * n + i] - mu) * (x[r * n + i] - mu);
    var /= n;
    for (size_t i = 0; i < n; ++i)
      EXPECT_NEAR(y[r * n + i], (x[r * n + i] - mu) / std::sqrt(var + 1e-5) * g[i] + be[i], 1e-5);
  }
  std::vector<float> s = {1000.f, 999.f, -1000.f, 0.f, 3.5f};
  auto t = s;
  softmax_inplace(t.data(), t.size());
  double z = 0;
  for (float v : s) z += std::exp(double(v) - 1000.0);
  for (size_t i = 0; i < s.size(); ++i) EXPECT_NEAR(t[i], std::exp(double(s[i]) - 1000.0) / z, 1e-7);
  auto wide = randn(300, 10, 20.f);  // exp over a wide range stays within float rounding
  auto w2 = wide;
  softmax_inplace(w2.data(), w2.size());
  double m = *std::max_element(wide.begin(), wide.end()), zz = 0;
  for (float v : wide) zz += std::exp(double(v) - m);
  for (size_t i = 0; i < wide.size(); ++i) EXPECT_NEAR(w2[i], std::exp(double(wide[i]) - m) / zz, 1e-6 * (1 + w2[i]));
  std::vector<float> v = {3, 4, 0, 0, 0, 0};
  l2_normalize_rows(v.data(), 2, 3);
  EXPECT_FLOAT_EQ(v[0], 0.6f);
  EXPECT_FLOAT_EQ(v[1], 0.8f);
  EXPECT_EQ(v[3], 0.f);  // a zero row stays zero, no NaN
}

TEST(Attention, MatchesNaiveMaskedAttentionWithRelativeBias) {
  const size_t H = 12, heads = 3, d = H / heads, S = 7;
  // Two sequences with gaps in their columns (left and right padding).
  PackedBatch p;
  p.offset = {0, 4, 9};
  p.column = {0, 1, 2, 3, 2, 3, 4, 5, 6};
  p.ids.assign(9, 0);
  const size_t T = p.tokens();
  auto qkv = randn(T * 3 * H, 11);
  auto table = randn(heads * (2 * S - 1), 12);
  std::vector<float> out(T * H);
  packed_attention(qkv.data(), H, heads, p, {table.data(), S}, out.data());
  for (size_t b = 0; b < 2; ++b)
    for (size_t h = 0; h < heads; ++h)
      for (size_t i = p.offset[b]; i < p.offset[b + 1]; ++i) {
        std::vector<double> sc;
        for (size_t j = p.offset[b]; j < p.offset[b + 1]; ++j) {
          double s = 0;
          for (size_t c = 0; c < d; ++c) s += double(qkv[i * 3 * H + h * d + c]) * qkv[j * 3 * H + H + h * d + c];
          s = s / std::sqrt(double(d)) + table[h * (2 * S - 1) + (p.column[j] - p.column[i]) + S - 1];
          sc.push_back(s);
        }
        double m = *std::max_element(sc.begin(), sc.end()), z = 0;
        for (double& s : sc) z += (s = std::exp(s - m));
        for (size_t c = 0; c < d; ++c) {
          double o = 0;
          for (size_t j = p.offset[b]; j < p.offset[b + 1]; ++j)
            o += sc[j - p.offset[b]] / z * qkv[j * 3 * H + 2 * H + h * d + c];
          EXPECT_NEAR(out[i * H + h * d + c], o, 1e-5);
        }
      }
}

TEST(RelativePosition, BucketsMatchTransformersTable) {
  Json j = load_json(std::string(NSMLAB_FIXTURES_DIR) + "/models/mpnet_buckets.json");
  auto rel = j["relative_positions"].get<std::vector<long>>();
  auto buckets = j["buckets"].get<std::vector<int>>();
  ASSERT_EQ(rel.size(), buckets.size());
  for (size_t i = 0; i < rel.size(); ++i) EXPECT_EQ(mpnet_relative_bucket(rel[i]), buckets[i]) << rel[i];
}

}  // namespace
}  // namespace nsmlab
