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

void layer_norm_rows_bf16(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps,
                          uint16_t* out) {
  active().layer_norm_rows_bf16(x, rows, n, gamma, beta, eps, out);
}

void layer_norm_rows_s8(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps, int8_t* q,
                        float* scale) {
  active().layer_norm_rows_s8(x, rows, n, gamma, beta, eps, q, scale);
}

void l2_normalize_rows(float* x, size_t rows, size_t n) { active().l2_normalize_rows(x, rows, n); }

void softmax_inplace(float* x, size_t n) { active().softmax_inplace(x, n); }

void f32_to_bf16_rows(const float* x, size_t rows, size_t n, uint16_t* out) { active().f32_to_bf16_rows(x, rows, n, out); }

void quantize_rows_s8(const float* x, size_t rows, size_t n, int8_t* q, float* scale) {
  active().quantize_rows_s8(x, rows, n, q, scale);
}

void dequantize_rows(const float* acc, size_t rows, size_t n, const float* row_scale, const float* col_scale,
                     const float* bias, Activation act, bool accumulate, float* y) {
  active().dequantize_rows(acc, rows, n, row_scale, col_scale, bias, act, accumulate, y);
}

void requantize_rows(float* acc, size_t rows, size_t n, const float* row_scale, const float* col_scale,
                     const float* bias, Activation act, int8_t* q, float* scale) {
  active().requantize_rows(acc, rows, n, row_scale, col_scale, bias, act, q, scale);
}

size_t attention_scratch_floats(size_t L, size_t d) { return active().attention_scratch_floats(L, d); }

void attention_head(const float* q, const float* k, const float* v, size_t ld, size_t L, size_t d, float scale,
                    const float* rel_bias, const int32_t* col, size_t span, float* out, size_t ldo, float* scratch) {
  active().attention_head(q, k, v, ld, L, d, scale, rel_bias, col, span, out, ldo, scratch);
}

}  // namespace nsmlab
