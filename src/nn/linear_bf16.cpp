// bf16 products with fp32 accumulation on oneDNN's brgemm (AVX512_BF16 dot products, or AMX):
// W rounded to bf16 once and packed into the blocked layout oneDNN chooses (shared by every
// row count), the rows of each call's x rounded to bf16 just before its product; bias, activation and the
// residual add stay fused in fp32 as in linear_fp32.cpp.
#include <cstdint>
#include <vector>

#include "nn/kernels.h"
#include "nn/linear_kernel.h"
#include "nn/onednn_common.h"
#include "util/error.h"

namespace nsmlab {

namespace {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

class LinearBf16 final : public LinearKernel {
 public:
  explicit LinearBf16(const LinearSpec& spec)
      : in_(spec.in), out_(spec.out()), activation_(spec.activation), bias_(spec.bias_f32()),
        cache_([this](size_t rows, int accumulate) { return make(rows, accumulate != 0); }) {
    const auto K = static_cast<dnnl::memory::dim>(in_), N = static_cast<dnnl::memory::dim>(out_);
    dnnl::matmul::primitive_desc pd(
        dnnl::matmul::desc(dnnl::memory::desc({dnnl::memory::dim(kLayoutRows), K}, dt::bf16, tag::ab),
                           dnnl::memory::desc({K, N}, dt::bf16, tag::any),
                           dnnl::memory::desc({dnnl::memory::dim(kLayoutRows), N}, dt::f32, tag::ab)),
        cpu_engine());
    weights_md_ = pd.weights_desc();
    // Rounded here, as the activations are, then only moved into the blocked layout.
    const std::vector<float> w = spec.weight_f32();  // [N, K] = W^T seen as [K, N] with strides {1, K}
    std::vector<uint16_t> w16(w.size());
    f32_to_bf16_rows(w.data(), out_, in_, w16.data());
    dnnl::memory plain(dnnl::memory::desc({K, N}, dt::bf16, dnnl::memory::dims{1, K}), cpu_engine(), w16.data());
    weights_ = dnnl::memory(weights_md_, cpu_engine());
    dnnl::stream stream(cpu_engine());
    dnnl::reorder(plain, weights_).execute(stream, plain, weights_);
    stream.wait();
  }

  void forward(const float* x, size_t rows, float* y, bool accumulate) const override {
    if (rows == 0) return;
    // One call's bf16 copy of x, per calling thread (forward may run on several at once).
    thread_local std::vector<uint16_t> x16;
    for_each_row_tile(rows, [&](size_t r0, size_t n) {
      if (x16.size() < n * in_) x16.resize(n * in_);
      f32_to_bf16_rows(x + r0 * in_, n, in_, x16.data());
      const auto M = static_cast<dnnl::memory::dim>(n);
      dnnl::memory src({{M, dnnl::memory::dim(in_)}, dt::bf16, tag::ab}, cpu_engine(), x16.data());
      dnnl::memory dst({{M, dnnl::memory::dim(out_)}, dt::f32, tag::ab}, cpu_engine(), y + r0 * out_);
      std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights_}, {DNNL_ARG_DST, dst}};
      if (!bias_.empty())
        args.emplace(DNNL_ARG_BIAS, dnnl::memory({{1, dnnl::memory::dim(out_)}, dt::f32, tag::ab}, cpu_engine(),
                                                 const_cast<float*>(bias_.data())));
      execute(const_cast<PrimitiveCache&>(cache_).get(n, accumulate), args);
    });
  }

  size_t in_features() const override { return in_; }
  size_t out_features() const override { return out_; }
  size_t packed_bytes() const override { return weights_md_.get_size() + bias_.size() * sizeof(float); }

 private:
  dnnl::primitive make(size_t rows, bool accumulate) const {
    const auto M = static_cast<dnnl::memory::dim>(rows);
    const auto K = static_cast<dnnl::memory::dim>(in_), N = static_cast<dnnl::memory::dim>(out_);
    dnnl::post_ops ops;
    if (accumulate) ops.append_sum(1.f);
    dnnl::algorithm alg;
    float alpha;
    if (!accumulate && eltwise_for(activation_, alg, alpha)) ops.append_eltwise(1.f, alg, alpha, 0.f);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const dnnl::memory::desc src({M, K}, dt::bf16, tag::ab), dst({M, N}, dt::f32, tag::ab);
    const dnnl::memory::desc bias({1, N}, dt::f32, tag::ab);
    auto desc = bias_.empty() ? dnnl::matmul::desc(src, weights_md_, dst) : dnnl::matmul::desc(src, weights_md_, bias, dst);
    return dnnl::matmul(dnnl::matmul::primitive_desc(desc, attr, cpu_engine()));
  }

  size_t in_, out_;
  Activation activation_;
  std::vector<float> bias_;
  dnnl::memory::desc weights_md_;
  dnnl::memory weights_;
  PrimitiveCache cache_;
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
