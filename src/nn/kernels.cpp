// Run-time dispatch of the row kernels to the variant cpu::isa_choice() picked (once).
#include "nn/kernels.h"

#include "nn/kernel_variants.h"

namespace nsmlab {

namespace kernels_avx2 { extern const KernelTable table; }
namespace kernels_avx512 { extern const KernelTable table; }

const KernelTable& kernels_for(cpu::Isa isa) {
  return isa == cpu::Isa::Avx512 ? kernels_avx512::table : kernels_avx2::table;
}

namespace {

const KernelTable& active() {
  static const KernelTable& t = kernels_for(cpu::isa_choice().kernels);
  return t;
}

}  // namespace

void layer_norm_rows(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps) {
  active().layer_norm_rows(x, rows, n, gamma, beta, eps);
}

void l2_normalize_rows(float* x, size_t rows, size_t n) { active().l2_normalize_rows(x, rows, n); }

void softmax_inplace(float* x, size_t n) { active().softmax_inplace(x, n); }

}  // namespace nsmlab
