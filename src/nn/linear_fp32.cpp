// fp32 products on oneDNN's brgemm: W packed once into the blocked layout the kernel
// reads best (chosen by oneDNN), shared by every row-count primitive.
#include <vector>

#include "nn/linear_kernel.h"
#include "nn/onednn_common.h"
#include "util/error.h"

namespace nsmlab {

namespace {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

class LinearFp32 final : public LinearKernel {
 public:
  explicit LinearFp32(const LinearSpec& spec)
      : in_(spec.in), out_(spec.out()), activation_(spec.activation), bias_(spec.bias_f32()),
        cache_([this](size_t rows, int accumulate) { return make(rows, accumulate != 0); }) {
    const auto K = static_cast<dnnl::memory::dim>(in_), N = static_cast<dnnl::memory::dim>(out_);
    // The layout brgemm wants; every row count reuses it.
    dnnl::matmul::primitive_desc pd(
        dnnl::matmul::desc(dnnl::memory::desc({dnnl::memory::dim(kLayoutRows), K}, dt::f32, tag::ab),
                           dnnl::memory::desc({K, N}, dt::f32, tag::any),
                           dnnl::memory::desc({dnnl::memory::dim(kLayoutRows), N}, dt::f32, tag::ab)),
        cpu_engine());
    weights_md_ = pd.weights_desc();
    std::vector<float> w = spec.weight_f32();  // [N, K] = W^T seen as [K, N] with strides {1, K}
    dnnl::memory plain(dnnl::memory::desc({K, N}, dt::f32, dnnl::memory::dims{1, K}), cpu_engine(), w.data());
    weights_ = dnnl::memory(weights_md_, cpu_engine());
    dnnl::stream stream(cpu_engine());
    dnnl::reorder(plain, weights_).execute(stream, plain, weights_);
    stream.wait();
  }

  void forward(const float* x, size_t rows, float* y, bool accumulate) const override {
    for_each_row_tile(rows, [&](size_t r0, size_t n) {
      const auto M = static_cast<dnnl::memory::dim>(n);
      dnnl::memory src({{M, dnnl::memory::dim(in_)}, dt::f32, tag::ab}, cpu_engine(), const_cast<float*>(x + r0 * in_));
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
    const dnnl::memory::desc src({M, K}, dt::f32, tag::ab), dst({M, N}, dt::f32, tag::ab);
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

std::unique_ptr<LinearKernel> make_linear_fp32(const LinearSpec& spec) { return std::make_unique<LinearFp32>(spec); }

}  // namespace nsmlab
