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

// The forms in which products hand activations to one another (and LayerNorm to a product):
// fp32; bf16 values (raw bits); int8 codes with one fp32 scale per row (symmetric, as
// quantize_rows_s8 makes them). A product reads and writes fp32 always, and its own compute
// form (native_form) too, which saves a conversion pass and an fp32 copy of the rows.
enum class RowForm { Fp32, Bf16, Int8 };

// One batch's rows, dense row-major, in one form: exactly one of f32, bf16, s8 (with s8_scale).
struct ProductInput {
  const float* f32 = nullptr;
  const uint16_t* bf16 = nullptr;
  const int8_t* s8 = nullptr;
  const float* s8_scale = nullptr;
  RowForm form() const { return bf16 ? RowForm::Bf16 : s8 ? RowForm::Int8 : RowForm::Fp32; }
};
struct ProductOutput {
  float* f32 = nullptr;
  bool accumulate = false;  // fp32 only: y += x W^T + b (the residual add), no activation
  uint16_t* bf16 = nullptr;
  int8_t* s8 = nullptr;
  float* s8_scale = nullptr;
  RowForm form() const { return bf16 ? RowForm::Bf16 : s8 ? RowForm::Int8 : RowForm::Fp32; }
};

class LinearKernel {
 public:
  virtual ~LinearKernel() = default;
  // y[rows, out] = act(x[rows, in] W^T + b), or with accumulate: y += x W^T + b; any rows,
  // including 0; thread-safe. x and y in fp32 or in native_form(); reading x in native form is
  // exactly reading the fp32 rows it was converted from, and writing y in native form is the
  // fp32 result converted (int8: exactly; bf16: rounded once, ties to even, where oneDNN may
  // round its own accumulator rather than the stored fp32 value).
  virtual void run(const ProductInput& x, size_t rows, const ProductOutput& y) const = 0;
  virtual RowForm native_form() const { return RowForm::Fp32; }
  virtual size_t in_features() const = 0;
  virtual size_t out_features() const = 0;
  virtual size_t packed_bytes() const = 0;  // memory the packed weights take

  // The fp32 case, the common one.
  void forward(const float* x, size_t rows, float* y, bool accumulate) const {
    run({.f32 = x}, rows, {.f32 = y, .accumulate = accumulate});
  }

 protected:
  // Fails (an internal error: callers check native_form first) unless x and y are fp32 or `own`.
  void require_forms(const ProductInput& x, const ProductOutput& y, RowForm own) const;
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
