#include "nn/linear_kernel.h"

#include "util/error.h"

namespace nsmlab {

size_t LinearSpec::out() const {
  size_t n = 0;
  for (const TensorView& w : weights) n += w.shape.empty() ? 0 : w.shape[0];
  return n;
}

std::vector<float> LinearSpec::weight_f32() const {
  std::vector<float> w;
  w.reserve(out() * in);
  for (const TensorView& part : weights) {
    if (part.shape.size() != 2 || part.shape[1] != in)
      fail("internal error: linear weight '{}' is not [out, {}]", part.name, in);
    const size_t at = w.size();
    w.resize(at + part.numel());
    part.read_f32(0, part.numel(), w.data() + at);
  }
  return w;
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
