// fp32 products on oneDNN's brgemm (nn/fused_matmul.h): x is read in place, and so is W when
// the file holds it as one aligned F32 block (packed straight from the mapping).
#include <vector>

#include "nn/fused_matmul.h"
#include "nn/linear_kernel.h"

namespace nsmlab {

namespace {

// W as [out, in] fp32: the mapping itself when possible (not owned), else a copy.
std::unique_ptr<const float[], void (*)(const float*)> plain_weights(const LinearSpec& spec) {
  if (const float* w = spec.weight_f32_in_place()) return {w, [](const float*) {}};
  return {spec.weight_f32().release(), [](const float* p) { delete[] p; }};
}

class LinearFp32 final : public LinearKernel {
 public:
  explicit LinearFp32(const LinearSpec& spec)
      : in_(spec.in), out_(spec.out()),
        matmul_(dnnl::memory::data_type::f32, plain_weights(spec).get(), in_, out_, spec.bias_f32(), spec.activation) {}

  void run(const ProductInput& x, size_t rows, const ProductOutput& y) const override {
    require_forms(x, y, RowForm::Fp32);
    for_each_row_tile(rows, [&](size_t r0, size_t n) { matmul_.run(x.f32 + r0 * in_, n, y.f32 + r0 * out_, y.accumulate); });
  }

  size_t in_features() const override { return in_; }
  size_t out_features() const override { return out_; }
  size_t packed_bytes() const override { return matmul_.packed_bytes(); }

 private:
  size_t in_, out_;
  FusedMatmul matmul_;
};

}  // namespace

std::unique_ptr<LinearKernel> make_linear_fp32(const LinearSpec& spec) { return std::make_unique<LinearFp32>(spec); }

}  // namespace nsmlab
