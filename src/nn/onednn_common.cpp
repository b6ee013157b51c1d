#include "nn/onednn_common.h"

#include "cpu/isa.h"

namespace nsmlab {

dnnl::engine& cpu_engine() {
  // The ISA choice first: oneDNN can be capped only before its first primitive.
  static dnnl::engine engine = (cpu::isa_choice(), dnnl::engine(dnnl::engine::kind::cpu, 0));
  return engine;
}

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

dnnl::primitive PrimitiveCache::get(size_t rows, int variant) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto key = std::make_pair(rows, variant);
  auto it = cache_.find(key);
  if (it == cache_.end()) it = cache_.emplace(key, make_(rows, variant)).first;
  return it->second;
}

size_t PrimitiveCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return cache_.size();
}

void execute(const dnnl::primitive& p, const std::unordered_map<int, dnnl::memory>& args) {
  dnnl::stream stream(cpu_engine());
  p.execute(stream, args);
  stream.wait();
}

dnnl::memory packed_weights_memory(const dnnl::memory::desc& md, HugePageMemory& storage) {
  storage = HugePageMemory(md.get_size());
  return dnnl::memory(md, cpu_engine(), storage.data());
}

}  // namespace nsmlab
