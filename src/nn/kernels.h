// Element-wise and row-wise kernels of the encoder (OpenMP over rows).
#pragma once
#include <cstddef>
#include <cstdint>

#include "model/transformer_config.h"

namespace nsmlab {

// x[r] = (x[r] - mean) / sqrt(var + eps) * gamma + beta, in place, for each of `rows` rows of `n`.
void layer_norm_rows(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps);

// layer_norm_rows, and each normalised row also written as the next product's input: rounded
// to bf16 as f32_to_bf16_rows does, or quantised as quantize_rows_s8 does (the same values).
void layer_norm_rows_bf16(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps,
                          uint16_t* out);
void layer_norm_rows_s8(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps, int8_t* q,
                        float* scale);

// Rows scaled to unit L2 norm (norm clamped to 1e-12 like torch.nn.functional.normalize).
void l2_normalize_rows(float* x, size_t rows, size_t n);

// Numerically stable softmax of one row, in place.
void softmax_inplace(float* x, size_t n);

// The bf16 products' input: each value rounded to the nearest bf16 (ties to even), as raw
// bits; NaN stays NaN. out holds rows * n values.
void f32_to_bf16_rows(const float* x, size_t rows, size_t n, uint16_t* out);

// The int8 products' input, per row symmetric: scale[r] = max|x_r| / 127, q = round(x / scale)
// in [-127, 127]. A zero row gets scale 0 and codes 0.
void quantize_rows_s8(const float* x, size_t rows, size_t n, int8_t* q, float* scale);

// The int8 products' epilogue: y = act(acc * row_scale[r] * col_scale[c] + bias[c]), or with
// accumulate y += acc * row_scale[r] * col_scale[c] + bias[c] (no activation). bias has n
// values (zeros for none); acc may be y itself. Activations vectorised to within 1e-6 of the exact function.
void dequantize_rows(const float* acc, size_t rows, size_t n, const float* row_scale, const float* col_scale,
                     const float* bias, Activation act, bool accumulate, float* y);

// The int8 FFN-up epilogue that hands int8 to FFN-down: v = act(acc * row_scale[r] *
// col_scale[c] + bias[c]) as dequantize_rows computes it, then v quantised per row as
// quantize_rows_s8 does (codes q, scale[r]). acc is overwritten (it holds v afterwards).
void requantize_rows(float* acc, size_t rows, size_t n, const float* row_scale, const float* col_scale,
                     const float* bias, Activation act, int8_t* q, float* scale);

// One attention head of one sequence of L tokens: out[i] = softmax(scale q_i k_j^T + bias)_j v
// for i < L, with q, k, v rows at stride ld (floats) and out rows at stride ldo, d values each.
// rel_bias: null, or the head's relative bias row centred at span - 1, added to score (i, j) at
// col[j] - col[i] (MPNet). scratch: attention_scratch_floats(L, d) floats, this thread's own.
size_t attention_scratch_floats(size_t L, size_t d);
void attention_head(const float* q, const float* k, const float* v, size_t ld, size_t L, size_t d, float scale,
                    const float* rel_bias, const int32_t* col, size_t span, float* out, size_t ldo, float* scratch);

}  // namespace nsmlab
