// The row kernels of kernels.h, one table per instruction-set variant (kernels_impl.inc);
// kernels.cpp calls through the table that cpu::isa_choice() picks, tests compare the tables.
#pragma once
#include <cstddef>

#include <cstdint>

#include "cpu/isa.h"
#include "model/transformer_config.h"  // Activation only: kernels_impl.inc calls nothing from it

namespace nsmlab {

struct KernelTable {
  void (*layer_norm_rows)(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps);
  void (*layer_norm_rows_bf16)(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps,
                               uint16_t* out);
  void (*layer_norm_rows_s8)(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps,
                             int8_t* q, float* scale);
  void (*l2_normalize_rows)(float* x, size_t rows, size_t n);
  void (*softmax_inplace)(float* x, size_t n);
  void (*f32_to_bf16_rows)(const float* x, size_t rows, size_t n, uint16_t* out);
  void (*quantize_rows_s8)(const float* x, size_t rows, size_t n, int8_t* q, float* scale);
  void (*dequantize_rows)(const float* acc, size_t rows, size_t n, const float* row_scale, const float* col_scale,
                          const float* bias, Activation act, bool accumulate, float* y);
  void (*requantize_rows)(float* acc, size_t rows, size_t n, const float* row_scale, const float* col_scale,
                          const float* bias, Activation act, int8_t* q, float* scale);
  size_t (*attention_scratch_floats)(size_t L, size_t d);
  void (*attention_head)(const float* q, const float* k, const float* v, size_t ld, size_t L, size_t d, float scale,
                         const float* rel_bias, const int32_t* col, size_t span, float* out, size_t ldo,
                         float* scratch);
};

// The variant for `isa`; calling its AVX-512 kernels on a CPU without AVX-512 is SIGILL, so
// check cpu::features() first (kernels.cpp only ever uses the one isa_choice() allowed).
const KernelTable& kernels_for(cpu::Isa isa);

}  // namespace nsmlab
