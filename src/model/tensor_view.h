// A tensor as the weight file holds it: its dtype, shape and bytes, where they live, not
// yet converted. Each backend converts (or uploads) once, at load, into the layout and
// precision it computes with; the model layer never widens on their behalf.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/safetensors.h"

namespace nsmlab {

enum class Residence { HostMapping, HostOwned };  // the file's read-only mapping, or a copy nsmlab holds

struct TensorView {
  std::string name;  // for error messages: "encoder.layer.0.attention.self.query.weight"
  TensorDtype dtype = TensorDtype::F32;
  std::vector<size_t> shape;
  const uint8_t* data = nullptr;  // may be unaligned: read through the functions below
  size_t bytes = 0;
  Residence residence = Residence::HostMapping;

  size_t numel() const;
  bool empty() const { return data == nullptr; }
  // Elements [begin, begin + count) widened to fp32 into out.
  void read_f32(size_t begin, size_t count, float* out) const;
  std::vector<float> to_f32() const;
};

// A view of fp32 values nsmlab holds (random-weight models, tests); `values` must outlive it.
TensorView f32_view(const std::vector<float>& values, std::vector<size_t> shape, std::string name);

float half_to_float(uint16_t h);
float bf16_to_float(uint16_t b);
uint16_t float_to_bf16(float f);  // round to nearest even; NaN stays NaN

}  // namespace nsmlab
