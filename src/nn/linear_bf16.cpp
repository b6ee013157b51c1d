// bf16 products with fp32 accumulation on oneDNN's brgemm (AVX512_BF16 dot products, or AMX):
// W rounded to bf16 once and packed into the blocked layout oneDNN chooses (shared by every
// row count), the rows of each call's x rounded to bf16 just before its product (or handed
// over in bf16 by the op before: linear_kernel.h, native_form); bias, activation and the residual
// add stay fused in fp32 as in linear_fp32.cpp.
#include <cstdint>
#include <vector>

#include "nn/fused_matmul.h"
#include "nn/kernels.h"
#include "nn/linear_kernel.h"
#include "nn/onednn_common.h"
#include "nn/scratch.h"
#include "util/error.h"

namespace nsmlab {

namespace {

// W rounded to bf16 (the activations are rounded the same way, per call).
std::vector<uint16_t> bf16_weights(const LinearSpec& spec) {
  const std::unique_ptr<float[]> w = spec.weight_f32();
  std::vector<uint16_t> w16(spec.out() * spec.in);
  f32_to_bf16_rows(w.get(), spec.out(), spec.in, w16.data());
  return w16;
}

// This thread's buffer for one call's x rounded to bf16.
uint16_t* bf16_input(size_t n) {
  thread_local Scratch<uint16_t> x16;
  return x16.get(n);
}

class LinearBf16 final : public LinearKernel {
 public:
  explicit LinearBf16(const LinearSpec& spec)
      : in_(spec.in), out_(spec.out()),
        matmul_(dnnl::memory::data_type::bf16, bf16_weights(spec).data(), in_, out_, spec.bias_f32(),
                spec.activation) {}

  void run(const ProductInput& x, size_t rows, const ProductOutput& y) const override {
    require_forms(x, y, RowForm::Bf16);
    for_each_row_tile(rows, [&](size_t r0, size_t n) {
      const uint16_t* x16 = x.bf16 ? x.bf16 + r0 * in_ : nullptr;
      if (!x16) {  // this call's rows rounded to bf16, per calling thread
        uint16_t* rounded = bf16_input(n * in_);
        f32_to_bf16_rows(x.f32 + r0 * in_, n, in_, rounded);
        x16 = rounded;
      }
      if (y.bf16) matmul_.run_to_bf16(x16, n, y.bf16 + r0 * out_);
      else matmul_.run(x16, n, y.f32 + r0 * out_, y.accumulate);
    });
  }

  RowForm native_form() const override { return RowForm::Bf16; }

  size_t in_features() const override { return in_; }
  size_t out_features() const override { return out_; }
  size_t packed_bytes() const override { return matmul_.packed_bytes(); }

 private:
  size_t in_, out_;
  FusedMatmul matmul_;
};

}  // namespace

std::unique_ptr<LinearKernel> make_linear_bf16(const LinearSpec& spec) {
  try {
    return std::make_unique<LinearBf16>(spec);
  } catch (const dnnl::error& e) {  // cpu_precision_support said yes, but oneDNN has no kernel (ONEDNN_MAX_CPU_ISA?)
    fail("bf16 products: oneDNN found no matmul for this CPU and its limits ({})", e.what());
  }
}

}  // namespace nsmlab
