#include "nn/linear.h"

#include <dnnl.hpp>
#include <map>
#include <mutex>
#include <utility>

#include "cpu/isa.h"
#include "util/error.h"

namespace nsmlab {

namespace {

dnnl::engine& cpu_engine() {
  // The ISA choice first: oneDNN can be capped only before its first primitive.
  static dnnl::engine engine = (cpu::isa_choice(), dnnl::engine(dnnl::engine::kind::cpu, 0));
  return engine;
}

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;
using dims = dnnl::memory::dims;

bool eltwise_for(Activation a, dnnl::algorithm& alg, float& alpha) {
  alpha = 0.f;
  switch (a) {
    case Activation::Identity: return false;
    case Activation::GeluErf: alg = dnnl::algorithm::eltwise_gelu_erf; return true;
    case Activation::GeluTanh: alg = dnnl::algorithm::eltwise_gelu_tanh; return true;
    case Activation::Relu: alg = dnnl::algorithm::eltwise_relu; return true;
    case Activation::Silu: alg = dnnl::algorithm::eltwise_swish; alpha = 1.f; return true;
    case Activation::Tanh: alg = dnnl::algorithm::eltwise_tanh; return true;
  }
  return false;
}

}  // namespace

struct Linear::Cache {
  std::mutex mutex;
  std::map<std::pair<size_t, bool>, dnnl::matmul> primitives;
};

Linear::Linear() : cache_(std::make_unique<Cache>()) {}

Linear::Linear(const float* weight, const float* bias, size_t in_features, size_t out_features, Activation activation)
    : weight_(weight), bias_(bias), in_(in_features), out_(out_features), activation_(activation),
      cache_(std::make_unique<Cache>()) {}

Linear::~Linear() = default;
Linear::Linear(Linear&&) noexcept = default;
Linear& Linear::operator=(Linear&&) noexcept = default;

void Linear::forward(const float* x, size_t rows, float* y) const { run(x, rows, y, false); }
void Linear::forward_accumulate(const float* x, size_t rows, float* y) const { run(x, rows, y, true); }

void Linear::run(const float* x, size_t rows, float* y, bool accumulate) const {
  if (rows == 0) return;
  if (!weight_) fail("internal error: Linear used before it was given weights");
  const auto M = static_cast<dnnl::memory::dim>(rows);
  const auto K = static_cast<dnnl::memory::dim>(in_);
  const auto N = static_cast<dnnl::memory::dim>(out_);
  // W^T seen as [K, N] with strides {1, K}: the [N, K] row-major buffer, unmoved.
  const dnnl::memory::desc src_md({M, K}, dt::f32, tag::ab);
  const dnnl::memory::desc wei_md({K, N}, dt::f32, dims{1, K});
  const dnnl::memory::desc bias_md({1, N}, dt::f32, tag::ab);
  const dnnl::memory::desc dst_md({M, N}, dt::f32, tag::ab);

  dnnl::matmul prim;
  {
    std::lock_guard<std::mutex> lock(cache_->mutex);
    auto key = std::make_pair(rows, accumulate);
    auto it = cache_->primitives.find(key);
    if (it == cache_->primitives.end()) {
      dnnl::post_ops ops;
      if (accumulate) ops.append_sum(1.f);
      dnnl::algorithm alg;
      float alpha;
      if (!accumulate && eltwise_for(activation_, alg, alpha)) ops.append_eltwise(1.f, alg, alpha, 0.f);
      dnnl::primitive_attr attr;
      attr.set_post_ops(ops);
      dnnl::matmul::desc desc = bias_ ? dnnl::matmul::desc(src_md, wei_md, bias_md, dst_md)
                                      : dnnl::matmul::desc(src_md, wei_md, dst_md);
      dnnl::matmul::primitive_desc pd(desc, attr, cpu_engine());
      it = cache_->primitives.emplace(key, dnnl::matmul(pd)).first;
    }
    prim = it->second;
  }
  dnnl::engine& eng = cpu_engine();
  dnnl::memory src(src_md, eng, const_cast<float*>(x));
  dnnl::memory wei(wei_md, eng, const_cast<float*>(weight_));
  dnnl::memory dst(dst_md, eng, y);
  std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wei}, {DNNL_ARG_DST, dst}};
  if (bias_) args.emplace(DNNL_ARG_BIAS, dnnl::memory(bias_md, eng, const_cast<float*>(bias_)));
  dnnl::stream stream(eng);
  prim.execute(stream, args);
  stream.wait();
}

}  // namespace nsmlab
