#include "nn/fused_matmul.h"

namespace nsmlab {

namespace {
using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;
using dim = dnnl::memory::dim;
}  // namespace

FusedMatmul::FusedMatmul(dt type, const void* plain_weights, size_t in, size_t out, std::vector<float> bias,
                         Activation activation)
    : type_(type), in_(in), out_(out), activation_(activation), bias_(std::move(bias)),
      cache_([this](size_t rows, int variant) { return make(rows, Variant(variant)); }) {
  const auto K = static_cast<dim>(in_), N = static_cast<dim>(out_);
  // The layout brgemm wants; every row count reuses it.
  dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(dnnl::memory::desc({dim(kLayoutRows), K}, type_, tag::ab),
                                                     dnnl::memory::desc({K, N}, type_, tag::any),
                                                     dnnl::memory::desc({dim(kLayoutRows), N}, dt::f32, tag::ab)),
                                  cpu_engine());
  weights_md_ = pd.weights_desc();
  // [N, K] row-major = W^T seen as [K, N] with strides {1, K}.
  dnnl::memory plain(dnnl::memory::desc({K, N}, type_, dnnl::memory::dims{1, K}), cpu_engine(),
                     const_cast<void*>(plain_weights));
  weights_ = packed_weights_memory(weights_md_, weights_storage_);
  dnnl::stream stream(cpu_engine());
  dnnl::reorder(plain, weights_).execute(stream, plain, weights_);
  stream.wait();
}

void FusedMatmul::run(const void* src, size_t rows, float* y, bool accumulate) const {
  execute_variant(src, rows, y, accumulate ? kF32Accumulate : kF32);
}

void FusedMatmul::run_to_bf16(const void* src, size_t rows, uint16_t* y) const { execute_variant(src, rows, y, kBf16); }

void FusedMatmul::execute_variant(const void* src, size_t rows, void* y, Variant v) const {
  const auto M = static_cast<dim>(rows);
  dnnl::memory s({{M, dim(in_)}, type_, tag::ab}, cpu_engine(), const_cast<void*>(src));
  dnnl::memory d({{M, dim(out_)}, v == kBf16 ? dt::bf16 : dt::f32, tag::ab}, cpu_engine(), y);
  std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, s}, {DNNL_ARG_WEIGHTS, weights_}, {DNNL_ARG_DST, d}};
  if (!bias_.empty())
    args.emplace(DNNL_ARG_BIAS,
                 dnnl::memory({{1, dim(out_)}, dt::f32, tag::ab}, cpu_engine(), const_cast<float*>(bias_.data())));
  execute(cache_.get(rows, v), args);
}

dnnl::primitive FusedMatmul::make(size_t rows, Variant v) const {
  const bool accumulate = v == kF32Accumulate;
  const auto M = static_cast<dim>(rows), K = static_cast<dim>(in_), N = static_cast<dim>(out_);
  dnnl::post_ops ops;
  if (accumulate) ops.append_sum(1.f);
  dnnl::algorithm alg;
  float alpha;
  if (!accumulate && eltwise_for(activation_, alg, alpha)) ops.append_eltwise(1.f, alg, alpha, 0.f);
  dnnl::primitive_attr attr;
  attr.set_post_ops(ops);
  const dnnl::memory::desc src({M, K}, type_, tag::ab), dst({M, N}, v == kBf16 ? dt::bf16 : dt::f32, tag::ab);
  const dnnl::memory::desc bias({1, N}, dt::f32, tag::ab);
  auto desc = bias_.empty() ? dnnl::matmul::desc(src, weights_md_, dst) : dnnl::matmul::desc(src, weights_md_, bias, dst);
  return dnnl::matmul(dnnl::matmul::primitive_desc(desc, attr, cpu_engine()));
}

}  // namespace nsmlab
