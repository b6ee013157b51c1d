#include "model/weight_store.h"

#include <cstdint>
#include <cstring>

#include "util/error.h"

namespace nsmlab {

namespace {

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

// Candidate alternative names: old TF-converted checkpoints call LayerNorm parameters gamma/beta.
std::string legacy_name(const std::string& name) {
  auto ends_with = [&](const std::string& s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with("LayerNorm.weight")) return name.substr(0, name.size() - 6) + "gamma";
  if (ends_with("LayerNorm.bias")) return name.substr(0, name.size() - 4) + "beta";
  return {};
}

}  // namespace

size_t FloatTensor::numel() const {
  size_t n = 1;
  for (size_t d : shape) n *= d;
  return n;
}

WeightStore::WeightStore(const std::string& path, const std::string& anchor) : file_(path) {
  if (file_.find(anchor)) return;
  // The shortest name ending in ".<anchor>" fixes the prefix (a head may nest deeper).
  const std::string suffix = "." + anchor;
  for (const auto& [name, t] : file_.tensors()) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      std::string p = name.substr(0, name.size() - anchor.size());
      if (prefix_.empty() || p.size() < prefix_.size()) prefix_ = p;
    }
  }
}

const TensorInfo* WeightStore::resolve(const std::string& name) const {
  for (const std::string& n : {name, legacy_name(name)}) {
    if (n.empty()) continue;
    if (!prefix_.empty())
      if (const TensorInfo* t = file_.find(prefix_ + n)) return t;
    if (const TensorInfo* t = file_.find(n)) return t;
  }
  return nullptr;
}

FloatTensor WeightStore::require(const std::string& name, const std::vector<size_t>& shape) {
  const TensorInfo* t = resolve(name);
  if (!t)
    fail("{}: missing tensor '{}{}' (expected shape {})", file_.path(), prefix_, name, shape_string(shape));
  if (t->shape != shape)
    fail("{}: tensor '{}' has shape {} but the model configuration expects {}", file_.path(), t->name,
         shape_string(t->shape), shape_string(shape));
  FloatTensor out;
  out.shape = t->shape;
  const uint8_t* src = file_.data(*t);
  const size_t n = t->numel();
  switch (t->dtype) {
    case TensorDtype::F32:
      if (reinterpret_cast<uintptr_t>(src) % alignof(float) == 0) {
        out.data = reinterpret_cast<const float*>(src);
      } else {  // a header length that is not a multiple of 4 misaligns the data: copy once
        owned_.emplace_back(n);
        std::memcpy(owned_.back().data(), src, n * 4);
        converted_bytes_ += n * 4;
        out.data = owned_.back().data();
      }
      return out;
    case TensorDtype::F16:
    case TensorDtype::BF16: {
      owned_.emplace_back(n);
      float* dst = owned_.back().data();
      const bool half = t->dtype == TensorDtype::F16;
      for (size_t i = 0; i < n; ++i) {
        uint16_t v;
        std::memcpy(&v, src + 2 * i, 2);
        dst[i] = half ? half_to_float(v) : bf16_to_float(v);
      }
      converted_bytes_ += n * 4;
      out.data = dst;
      return out;
    }
    case TensorDtype::Unsupported: break;
  }
  fail("{}: tensor '{}' has dtype {}; nsmlab reads F32, F16 and BF16 weights", file_.path(), t->name, t->dtype_name);
}

}  // namespace nsmlab
