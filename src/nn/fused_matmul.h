// y = act(src W^T + b) or y += src W^T + b on oneDNN's brgemm, with W packed once into the
// blocked layout oneDNN chooses and every row count's primitive cached: the body the fp32 and
// bf16 linear kernels share (they differ only in the source and weight data type).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "nn/onednn_common.h"

namespace nsmlab {

class FusedMatmul {
 public:
  // `plain_weights`: [out, in] row-major in `type` (f32 or bf16), read once here.
  FusedMatmul(dnnl::memory::data_type type, const void* plain_weights, size_t in, size_t out,
              std::vector<float> bias, Activation activation);
  FusedMatmul(const FusedMatmul&) = delete;
  FusedMatmul& operator=(const FusedMatmul&) = delete;

  // One call on `rows` rows of `src` (dense, in `type`) into y (fp32).
  void run(const void* src, size_t rows, float* y, bool accumulate) const;
  // The same product with y in bf16 (activation fused, then rounded; no accumulate).
  void run_to_bf16(const void* src, size_t rows, uint16_t* y) const;
  size_t packed_bytes() const { return weights_storage_.size() + bias_.size() * sizeof(float); }

 private:
  // Variants of a row count's primitive: fp32 y, fp32 y += (residual), bf16 y.
  enum Variant : int { kF32 = 0, kF32Accumulate = 1, kBf16 = 2 };
  dnnl::primitive make(size_t rows, Variant v) const;
  void execute_variant(const void* src, size_t rows, void* y, Variant v) const;

  dnnl::memory::data_type type_;
  size_t in_, out_;
  Activation activation_;
  std::vector<float> bias_;
  dnnl::memory::desc weights_md_;
  HugePageMemory weights_storage_;  // before weights_: outlives it
  dnnl::memory weights_;
  mutable PrimitiveCache cache_;
};

}  // namespace nsmlab
