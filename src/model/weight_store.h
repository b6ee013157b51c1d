// fp32 views of the tensors of one safetensors file. F32 tensors are used in place
// in the mapping (zero copy); F16/BF16 tensors are widened once and kept here.
// Names are resolved with or without the prefix a checkpoint class adds
// ("bert.", "roberta.", "mpnet.", "model.", ...).
#pragma once
#include <deque>
#include <string>
#include <vector>

#include "model/safetensors.h"

namespace nsmlab {

struct FloatTensor {
  const float* data = nullptr;
  std::vector<size_t> shape;
  size_t numel() const;
  bool empty() const { return data == nullptr; }
};

class WeightStore {
 public:
  // `anchor` is a tensor every checkpoint of the model has (e.g. "embeddings.word_embeddings.weight");
  // the prefix in front of it, if any, is applied to every lookup.
  WeightStore(const std::string& path, const std::string& anchor);

  const std::string& path() const { return file_.path(); }
  const std::string& prefix() const { return prefix_; }
  bool contains(const std::string& name) const { return resolve(name) != nullptr; }
  // The tensor in fp32 with exactly `shape`; otherwise an error naming the file, the
  // tensor, the expected and the found shape.
  FloatTensor require(const std::string& name, const std::vector<size_t>& shape);
  // Bytes held by widened F16/BF16 copies (0 for an all-F32 file).
  size_t converted_bytes() const { return converted_bytes_; }

 private:
  const TensorInfo* resolve(const std::string& name) const;
  SafetensorsFile file_;
  std::string prefix_;
  std::deque<std::vector<float>> owned_;  // deque: growing never moves earlier buffers
  size_t converted_bytes_ = 0;
};

}  // namespace nsmlab
