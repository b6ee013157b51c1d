// y = act(x W^T + b) in one precision: the only op that differs between the CPU's fp32,
// bf16 and int8 backends (norms, softmax and pooling stay fp32 everywhere). Each kernel
// packs W once, at load, into the layout its oneDNN primitive wants, and runs on a bounded
// set of row counts, so the set of primitives, and memory, stays flat whatever the batches.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "backend/precision.h"
#include "model/tensor_view.h"
#include "model/transformer_config.h"

namespace nsmlab {

struct LinearSpec {
  // [out_i, in] blocks stacked along the output dimension (Q, K and V become one product);
  // usually one. Any float dtype; read once at construction, never kept.
  std::vector<TensorView> weights;
  std::vector<TensorView> biases;  // one per weight block, or empty (no bias)
  size_t in = 0;
  Activation activation = Activation::Identity;

  size_t out() const;
  // [out, in] row-major fp32 (uninitialised allocation, then every value written: packing a
  // 278M model's products zero-filled 0.3 GB for nothing).
  std::unique_ptr<float[]> weight_f32() const;
  // The weights in place in the file's mapping when they are one aligned F32 block (no copy at
  // all), else nullptr.
  const float* weight_f32_in_place() const;
  std::vector<float> bias_f32() const;    // [out], or empty
};

class LinearKernel {
 public:
  virtual ~LinearKernel() = default;
  // y[rows, out] = act(x[rows, in] W^T + b), or with accumulate: y += x W^T + b (no activation,
  // the residual add fused). x and y dense row-major fp32; any rows, including 0. Thread-safe.
  virtual void forward(const float* x, size_t rows, float* y, bool accumulate) const = 0;
  virtual size_t in_features() const = 0;
  virtual size_t out_features() const = 0;
  virtual size_t packed_bytes() const = 0;  // memory the packed weights take

  // Activations in bf16 between two products (the bf16 kernel; others say no): FFN-up writes
  // act(x W^T + b) rounded to bf16 and FFN-down reads it as its input, so the fp32 copy of the
  // widest activation and its rounding pass disappear. forward_from_bf16(round(x)) equals
  // forward(x) exactly; forward_to_bf16(x) is forward(x) rounded to bf16 (ties to even).
  virtual bool bf16_activations() const { return false; }
  virtual void forward_to_bf16(const float* x, size_t rows, uint16_t* y) const;
  virtual void forward_from_bf16(const uint16_t* x, size_t rows, float* y, bool accumulate) const;

  // The same hand-over in int8 (the int8 kernel): FFN-up's epilogue (scales, bias, activation)
  // ends by quantising each row (codes and one scale per row, as quantize_rows_s8 does) and
  // FFN-down multiplies those codes directly, so the fp32 copy of the widest activation is
  // never written nor read back. forward_from_s8(quantize(x)) equals forward(x) exactly;
  // forward_to_s8(x) is quantize(forward(x)) exactly.
  virtual bool s8_activations() const { return false; }
  virtual void forward_to_s8(const float* x, size_t rows, int8_t* q, float* scale) const;
  virtual void forward_from_s8(const int8_t* q, const float* scale, size_t rows, float* y, bool accumulate) const;
};

// Rows a caller should give its activation buffers (zero-filled beyond `rows`) so that every
// product on them runs as one call: at most 1/32 more (nn/onednn_common.h explains).
size_t row_bucket(size_t rows);

// Fails with the reason when this CPU cannot run `precision` (see cpu_precision_support.h).
std::unique_ptr<LinearKernel> make_linear_kernel(const LinearSpec& spec, Precision precision);

std::unique_ptr<LinearKernel> make_linear_fp32(const LinearSpec& spec);
std::unique_ptr<LinearKernel> make_linear_bf16(const LinearSpec& spec);
std::unique_ptr<LinearKernel> make_linear_int8(const LinearSpec& spec);

}  // namespace nsmlab
