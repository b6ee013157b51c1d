// y = act(x W^T + b) on oneDNN. W stays in PyTorch nn.Linear layout [out, in] where it
// lies (usually the weight file's mapping): oneDNN reads it through a transposed memory
// descriptor, so nothing is copied. Primitives are built once per row count and cached,
// because batches change M while everything else stays fixed.
#pragma once
#include <cstddef>
#include <memory>

#include "model/transformer_config.h"

namespace nsmlab {

class Linear {
 public:
  Linear();
  // `bias` may be null. The pointers must outlive the Linear.
  Linear(const float* weight, const float* bias, size_t in_features, size_t out_features,
         Activation activation = Activation::Identity);
  ~Linear();
  Linear(Linear&&) noexcept;
  Linear& operator=(Linear&&) noexcept;

  size_t in_features() const { return in_; }
  size_t out_features() const { return out_; }

  // y[rows, out] = act(x[rows, in] W^T + b); x and y are dense row-major.
  void forward(const float* x, size_t rows, float* y) const;
  // y[rows, out] += x W^T + b: the residual add fused into the product (no activation).
  void forward_accumulate(const float* x, size_t rows, float* y) const;

 private:
  struct Cache;
  void run(const float* x, size_t rows, float* y, bool accumulate) const;
  const float* weight_ = nullptr;
  const float* bias_ = nullptr;
  size_t in_ = 0, out_ = 0;
  Activation activation_ = Activation::Identity;
  std::unique_ptr<Cache> cache_;
};

}  // namespace nsmlab
