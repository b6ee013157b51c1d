// Element-wise and row-wise kernels of the encoder (OpenMP over rows).
#pragma once
#include <cstddef>

namespace nsmlab {

// x[r] = (x[r] - mean) / sqrt(var + eps) * gamma + beta, in place, for each of `rows` rows of `n`.
void layer_norm_rows(float* x, size_t rows, size_t n, const float* gamma, const float* beta, float eps);

// Rows scaled to unit L2 norm (norm clamped to 1e-12 like torch.nn.functional.normalize).
void l2_normalize_rows(float* x, size_t rows, size_t n);

// Numerically stable softmax of one row, in place.
void softmax_inplace(float* x, size_t n);

}  // namespace nsmlab
