// The tensors of a model's weight files (model/tensor_archive.h: safetensors, sharded, or
// pytorch_model.bin): typed views as stored (view), or fp32 (require: aligned F32 tensors
// in place in the mapping, F16/BF16 or misaligned F32 widened once and kept here).
// Names are resolved with or without the prefix a checkpoint class adds
// ("bert.", "roberta.", "mpnet.", "model.", ...).
#pragma once
#include <deque>
#include <string>
#include <vector>

#include "model/tensor_archive.h"
#include "model/tensor_view.h"

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
  const TensorArchive& archive() const { return file_; }
  const std::string& prefix() const { return prefix_; }
  bool contains(const std::string& name) const { return resolve(name) != nullptr; }
  // The tensor as stored, with exactly `shape`; otherwise an error naming the file, the
  // tensor, the expected and the found shape.
  TensorView view(const std::string& name, const std::vector<size_t>& shape) const;
  // The tensor in fp32 with exactly `shape`; otherwise an error naming the file, the
  // tensor, the expected and the found shape.
  FloatTensor require(const std::string& name, const std::vector<size_t>& shape);
  // A view in fp32: in place when it is aligned F32, else widened once and kept here.
  FloatTensor widen(const TensorView& v);
  // A view read into a backend's own layout is no longer needed in memory: drop its pages
  // (views of data nsmlab holds are left alone).
  void evict(const TensorView& v) const { file_.evict(v); }
  // Bytes held by widened F16/BF16 copies (0 for an all-F32 file).
  size_t converted_bytes() const { return converted_bytes_; }

 private:
  const StoredTensor* resolve(const std::string& name) const;
  TensorArchive file_;
  std::string prefix_;
  std::deque<std::vector<float>> owned_;  // deque: growing never moves earlier buffers
  size_t converted_bytes_ = 0;
};

}  // namespace nsmlab
