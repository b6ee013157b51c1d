// Every tensor of a model's weights, whatever files hold them: model.safetensors, a
// sharded model.safetensors.index.json (every shard it names, each tensor in the shard the
// weight_map says), pytorch_model.bin (zip or legacy, through the restricted pickle
// reader) or its sharded pytorch_model.bin.index.json. The format follows the file name.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/safetensors.h"
#include "model/stored_tensor.h"
#include "model/torch_checkpoint.h"

namespace nsmlab {

class TensorArchive {
 public:
  explicit TensorArchive(const std::string& path);
  TensorArchive(TensorArchive&&) noexcept;
  ~TensorArchive();

  const std::string& path() const { return path_; }
  const std::map<std::string, StoredTensor>& tensors() const { return tensors_; }
  const StoredTensor* find(const std::string& name) const;
  // Drops the pages of a view of one of the files' mappings (other views are left alone).
  void evict(const TensorView& v) const;
  size_t file_count() const { return safetensors_.size() + checkpoints_.size(); }

 private:
  void add_file(const std::string& file, const std::map<std::string, std::string>* only);
  std::string path_;
  std::vector<std::unique_ptr<SafetensorsFile>> safetensors_;
  std::vector<std::unique_ptr<TorchCheckpoint>> checkpoints_;
  std::map<std::string, StoredTensor> tensors_;
};

// The weights of the module in `dir`, in the order of preference: model.safetensors,
// model.safetensors.index.json, pytorch_model.bin, pytorch_model.bin.index.json; "" when
// none is there (a link whose target is missing does not count).
std::string locate_weights(const std::string& dir);

}  // namespace nsmlab
