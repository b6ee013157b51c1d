// What several nn tests compare against: seeded normal values, the activations in double
// precision, and the kernel variants this CPU can run.
#pragma once
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "cpu/cpu_features.h"
#include "cpu/isa.h"
#include "model/transformer_config.h"

namespace nsmlab::test {

// Cosine similarity in double; two zero vectors (a row without a real token) count as equal.
inline double cosine(const float* a, const float* b, size_t n) {
  double ab = 0, aa = 0, bb = 0;
  for (size_t i = 0; i < n; ++i) {
    ab += double(a[i]) * b[i];
    aa += double(a[i]) * a[i];
    bb += double(b[i]) * b[i];
  }
  if (aa == 0 && bb == 0) return 1;
  return ab / std::sqrt(aa * bb);
}

inline std::vector<float> normal_values(size_t n, uint32_t seed, float scale = 1.f, float mean = 0.f) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> nd(mean, scale);
  std::vector<float> v(n);
  for (auto& x : v) x = nd(rng);
  return v;
}

inline double act_ref(Activation a, double x) {
  switch (a) {
    case Activation::Identity: return x;
    case Activation::GeluErf: return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
    case Activation::GeluTanh: return 0.5 * x * (1 + std::tanh(std::sqrt(2 / M_PI) * (x + 0.044715 * x * x * x)));
    case Activation::Relu: return x > 0 ? x : 0;
    case Activation::Silu: return x / (1 + std::exp(-x));
    case Activation::Tanh: return std::tanh(x);
  }
  return 0;
}

inline std::vector<cpu::Isa> runnable_variants() {
  std::vector<cpu::Isa> out;
  if (cpu::features().has_avx2_set()) out.push_back(cpu::Isa::Avx2);
  if (cpu::features().has_avx512_set()) out.push_back(cpu::Isa::Avx512);
  return out;
}

}  // namespace nsmlab::test
