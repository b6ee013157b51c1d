#include "nn/linear_kernel.h"

#include <cstdint>

#include "util/error.h"
#include "util/mapped_file.h"

namespace nsmlab {

size_t LinearSpec::out() const {
  size_t n = 0;
  for (const TensorView& w : weights) n += w.shape.empty() ? 0 : w.shape[0];
  return n;
}

std::unique_ptr<float[]> LinearSpec::weight_f32() const {
  auto w = std::make_unique_for_overwrite<float[]>(out() * in);
  size_t at = 0;
  for (const TensorView& part : weights) {
    if (part.shape.size() != 2 || part.shape[1] != in)
      fail("internal error: linear weight '{}' is not [out, {}]", part.name, in);
    prefault_for_reading(part.data, part.bytes);
    part.read_f32(0, part.numel(), w.get() + at);
    at += part.numel();
  }
  return w;
}

const float* LinearSpec::weight_f32_in_place() const {
  if (weights.size() != 1) return nullptr;
  const TensorView& w = weights.front();
  if (w.dtype != TensorDtype::F32 || w.shape.size() != 2 || w.shape[1] != in || w.numel() * sizeof(float) != w.bytes ||
      reinterpret_cast<uintptr_t>(w.data) % alignof(float) != 0)
    return nullptr;
  prefault_for_reading(w.data, w.bytes);
  return reinterpret_cast<const float*>(w.data);
}

std::vector<float> LinearSpec::bias_f32() const {
  std::vector<float> b;
  if (biases.empty()) return b;
  if (biases.size() != weights.size()) fail("internal error: {} bias blocks for {} weight blocks", biases.size(), weights.size());
  for (size_t i = 0; i < biases.size(); ++i) {
    if (biases[i].numel() != weights[i].shape[0])
      fail("internal error: bias '{}' has {} values for {} outputs", biases[i].name, biases[i].numel(), weights[i].shape[0]);
    const size_t at = b.size();
    b.resize(at + biases[i].numel());
    biases[i].read_f32(0, biases[i].numel(), b.data() + at);
  }
  return b;
}

}  // namespace nsmlab
