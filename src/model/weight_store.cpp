#include "model/weight_store.h"

#include <cstdint>
#include <cstring>

#include "util/error.h"

namespace nsmlab {

namespace {

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
  for (const auto& entry : file_.tensors()) {
    const std::string& name = entry.first;
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      std::string p = name.substr(0, name.size() - anchor.size());
      if (prefix_.empty() || p.size() < prefix_.size()) prefix_ = p;
    }
  }
}

const StoredTensor* WeightStore::resolve(const std::string& name) const {
  for (const std::string& n : {name, legacy_name(name)}) {
    if (n.empty()) continue;
    if (!prefix_.empty())
      if (const StoredTensor* t = file_.find(prefix_ + n)) return t;
    if (const StoredTensor* t = file_.find(n)) return t;
  }
  return nullptr;
}

TensorView WeightStore::view(const std::string& name, const std::vector<size_t>& shape) const {
  const StoredTensor* t = resolve(name);
  if (!t)
    fail("{}: missing tensor '{}{}' (expected shape {})", file_.path(), prefix_, name, shape_string(shape));
  if (t->view.shape != shape)
    fail("{}: tensor '{}' has shape {} but the model configuration expects {}", t->file, t->view.name,
         shape_string(t->view.shape), shape_string(shape));
  if (t->view.dtype == TensorDtype::Unsupported)
    fail("{}: tensor '{}' has dtype {}; nsmlab reads F32, F16 and BF16 weights", t->file, t->view.name,
         t->dtype_name);
  return t->view;
}

FloatTensor WeightStore::require(const std::string& name, const std::vector<size_t>& shape) {
  return widen(view(name, shape));
}

FloatTensor WeightStore::widen(const TensorView& v) {
  FloatTensor out;
  out.shape = v.shape;
  if (v.dtype == TensorDtype::F32 && reinterpret_cast<uintptr_t>(v.data) % alignof(float) == 0) {
    out.data = reinterpret_cast<const float*>(v.data);  // used in place, zero copy
    return out;
  }
  // F16/BF16, or F32 misaligned by a header length that is not a multiple of 4: one copy.
  owned_.push_back(v.to_f32());
  converted_bytes_ += owned_.back().size() * sizeof(float);
  out.data = owned_.back().data();
  return out;
}

}  // namespace nsmlab
