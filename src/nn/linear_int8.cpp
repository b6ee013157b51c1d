// int8 products by dynamic quantisation: W symmetric int8 per output channel, computed and
// packed once (oneDNN's blocked s8 layout, its s8-source compensation included); the rows
// of each call's x quantised per row (symmetric, its own scale) just before a plain s8 x s8 -> f32
// brgemm (VNNI or AMX dot products, int32 accumulation). The scales, bias, activation and
// residual add come after, in one vectorised pass (kernels.h: dequantize_rows): oneDNN 2.6
// leaves brgemm for a slower kernel when output scales or binary post-ops are attached.
// Rows may come and go as int8 codes with their row scales (linear_kernel.h: native_form).
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "nn/kernels.h"
#include "nn/linear_kernel.h"
#include "nn/onednn_common.h"
#include "nn/scratch.h"
#include "util/error.h"

namespace nsmlab {

namespace {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

// The name of the weight block that holds output channel `row`, for error messages.
std::string block_of(const LinearSpec& spec, size_t row) {
  for (const TensorView& w : spec.weights) {
    const size_t rows = w.shape.empty() ? 0 : w.shape[0];
    if (row < rows) return w.name;
    row -= rows;
  }
  return "?";
}

class LinearInt8 final : public LinearKernel {
 public:
  explicit LinearInt8(const LinearSpec& spec)
      : in_(spec.in), out_(spec.out()), activation_(spec.activation), bias_(spec.bias_f32()),
        cache_([this](size_t rows, int) { return make(rows); }) {
    if (bias_.empty()) bias_.assign(out_, 0.f);  // the epilogue always adds one
    const auto K = static_cast<dnnl::memory::dim>(in_), N = static_cast<dnnl::memory::dim>(out_);
    dnnl::matmul::primitive_desc pd(
        dnnl::matmul::desc(dnnl::memory::desc({dnnl::memory::dim(kLayoutRows), K}, dt::s8, tag::ab),
                           dnnl::memory::desc({K, N}, dt::s8, tag::any),
                           dnnl::memory::desc({dnnl::memory::dim(kLayoutRows), N}, dt::f32, tag::ab)),
        cpu_engine());
    weights_md_ = pd.weights_desc();
    const std::unique_ptr<float[]> w = spec.weight_f32();  // [N, K] = W^T seen as [K, N] with strides {1, K}
    for (size_t c = 0; c < out_; ++c)
      for (size_t k = 0; k < in_; ++k)
        if (!std::isfinite(w[c * in_ + k]))
          fail("int8: weight '{}' holds a non-finite value ({}) in an output row: it cannot be quantised",
               block_of(spec, c), w[c * in_ + k]);
    std::vector<int8_t> q(size_t(out_) * in_);
    col_scale_.resize(out_);
    quantize_rows_s8(w.get(), out_, in_, q.data(), col_scale_.data());
    dnnl::memory plain(dnnl::memory::desc({K, N}, dt::s8, dnnl::memory::dims{1, K}), cpu_engine(), q.data());
    weights_ = packed_weights_memory(weights_md_, weights_storage_);
    dnnl::stream stream(cpu_engine());
    dnnl::reorder(plain, weights_).execute(stream, plain, weights_);
    stream.wait();
  }

  void run(const ProductInput& x, size_t rows, const ProductOutput& y) const override {
    require_forms(x, y, RowForm::Int8);
    for_each_row_tile(rows, [&](size_t r0, size_t n) {
      const auto [q, row_scale] = x.s8 ? std::pair{x.s8 + r0 * in_, x.s8_scale + r0} : quantized_input(x.f32 + r0 * in_, n);
      if (y.s8) {
        float* acc = product_buffer(n);
        multiply(q, n, acc);
        requantize_rows(acc, n, out_, row_scale, col_scale_.data(), bias_.data(), activation_, y.s8 + r0 * out_,
                        y.s8_scale + r0);
        return;
      }
      float* yt = y.f32 + r0 * out_;
      float* acc = y.accumulate ? product_buffer(n) : yt;  // without accumulate, scaled in place
      multiply(q, n, acc);
      dequantize_rows(acc, n, out_, row_scale, col_scale_.data(), bias_.data(), activation_, y.accumulate, yt);
    });
  }

  RowForm native_form() const override { return RowForm::Int8; }

  size_t in_features() const override { return in_; }
  size_t out_features() const override { return out_; }
  size_t packed_bytes() const override {
    return weights_storage_.size() + (bias_.size() + col_scale_.size()) * sizeof(float);
  }

 private:
  // Per calling thread (forward may run on several at once): one call's codes and row scales,
  // and the product before its epilogue when that cannot be written in place.
  std::pair<const int8_t*, const float*> quantized_input(const float* x, size_t n) const {
    thread_local Scratch<int8_t> codes;
    thread_local Scratch<float> scales;
    int8_t* q = codes.get(n * in_);
    float* row_scale = scales.get(n);
    quantize_rows_s8(x, n, in_, q, row_scale);
    return {q, row_scale};
  }
  float* product_buffer(size_t n) const {
    thread_local Scratch<float> sums;
    return sums.get(n * out_);
  }

  // acc[n, out] = q[n, in] W^T, int32 sums as fp32.
  void multiply(const int8_t* q, size_t n, float* acc) const {
    const auto M = static_cast<dnnl::memory::dim>(n);
    dnnl::memory src({{M, dnnl::memory::dim(in_)}, dt::s8, tag::ab}, cpu_engine(), const_cast<int8_t*>(q));
    dnnl::memory dst({{M, dnnl::memory::dim(out_)}, dt::f32, tag::ab}, cpu_engine(), acc);
    execute(const_cast<PrimitiveCache&>(cache_).get(n, 0),
            {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights_}, {DNNL_ARG_DST, dst}});
  }

  dnnl::primitive make(size_t rows) const {
    const auto M = static_cast<dnnl::memory::dim>(rows);
    const auto K = static_cast<dnnl::memory::dim>(in_), N = static_cast<dnnl::memory::dim>(out_);
    return dnnl::matmul(dnnl::matmul::primitive_desc(
        dnnl::matmul::desc(dnnl::memory::desc({M, K}, dt::s8, tag::ab), weights_md_,
                           dnnl::memory::desc({M, N}, dt::f32, tag::ab)),
        cpu_engine()));
  }

  size_t in_, out_;
  Activation activation_;
  std::vector<float> bias_;       // zeros when the layer has none
  std::vector<float> col_scale_;  // max|W_c| / 127 per output channel
  dnnl::memory::desc weights_md_;
  HugePageMemory weights_storage_;  // before weights_: outlives it
  dnnl::memory weights_;
  PrimitiveCache cache_;
};

}  // namespace

std::unique_ptr<LinearKernel> make_linear_int8(const LinearSpec& spec) {
  try {
    return std::make_unique<LinearInt8>(spec);
  } catch (const dnnl::error& e) {  // cpu_precision_support said yes, but oneDNN has no kernel (ONEDNN_MAX_CPU_ISA?)
    fail("int8 products: oneDNN found no matmul for this CPU and its limits ({})", e.what());
  }
}

}  // namespace nsmlab
