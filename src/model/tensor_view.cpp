#include "model/tensor_view.h"

#include <cstring>

#include "util/error.h"

namespace nsmlab {

size_t TensorView::numel() const {
  size_t n = 1;
  for (size_t d : shape) n *= d;
  return n;
}

float half_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t mant = h & 0x3ffu;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal half: renormalise into a normal float
      exp = 127 - 15 + 1;
      while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --exp;
      }
      mant &= 0x3ffu;
      bits = sign | (exp << 23) | (mant << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

float bf16_to_float(uint16_t b) {
  uint32_t bits = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t float_to_bf16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((bits >> 16) | 0x40u);  // quiet NaN
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>(bits >> 16);
}

void TensorView::read_f32(size_t begin, size_t count, float* out) const {
  if (begin > numel() || count > numel() - begin)
    fail("internal error: elements [{}, {}+{}) read from tensor '{}' of {} elements", begin, begin, count, name, numel());
  switch (dtype) {
    case TensorDtype::F32:
      std::memcpy(out, data + begin * 4, count * 4);
      return;
    case TensorDtype::F16:
    case TensorDtype::BF16: {
      const bool half = dtype == TensorDtype::F16;
      const uint8_t* src = data + begin * 2;
      for (size_t i = 0; i < count; ++i) {
        uint16_t v;
        std::memcpy(&v, src + 2 * i, 2);
        out[i] = half ? half_to_float(v) : bf16_to_float(v);
      }
      return;
    }
    case TensorDtype::Unsupported: break;
  }
  fail("tensor '{}': unsupported dtype for fp32 conversion", name);
}

TensorView f32_view(const std::vector<float>& values, std::vector<size_t> shape, std::string name) {
  TensorView v;
  v.name = std::move(name);
  v.dtype = TensorDtype::F32;
  v.shape = std::move(shape);
  if (v.numel() != values.size())
    fail("internal error: tensor '{}' of shape {} made from {} values", v.name, shape_string(v.shape), values.size());
  v.data = reinterpret_cast<const uint8_t*>(values.data());
  v.bytes = values.size() * sizeof(float);
  v.residence = Residence::HostOwned;
  return v;
}

std::vector<float> TensorView::to_f32() const {
  std::vector<float> out(numel());
  read_f32(0, out.size(), out.data());
  return out;
}

}  // namespace nsmlab
