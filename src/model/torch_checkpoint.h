// pytorch_model.bin (any torch.save of a state dict) read without Python and without
// running anything: the zip format (<name>/data.pkl + <name>/data/<key>, records stored
// uncompressed, tensors used in place from the file's mapping) and the legacy pre-zip
// format (magic number, protocol and system-info pickles, the state pickle, the storage
// keys, then each storage as an 8-byte element count and its bytes). A tensor whose
// strides are not row-major is copied once into row-major order.
#pragma once
#include <deque>
#include <string>
#include <vector>

#include "model/stored_tensor.h"
#include "util/mapped_file.h"

namespace nsmlab {

class TorchCheckpoint {
 public:
  explicit TorchCheckpoint(const std::string& path);

  const std::string& path() const { return file_.path(); }
  const std::vector<StoredTensor>& tensors() const { return tensors_; }
  bool legacy_format() const { return legacy_; }
  void evict(const uint8_t* begin, size_t bytes) const { file_.evict(begin, bytes); }

 private:
  MappedFile file_;
  bool legacy_ = false;
  std::vector<StoredTensor> tensors_;
  std::deque<std::vector<uint8_t>> copies_;  // gathered non-contiguous tensors
};

}  // namespace nsmlab
