// Reader for the safetensors format: an 8-byte little-endian header length, a JSON
// header {name: {dtype, shape, data_offsets}}, then the raw tensor bytes. The file is
// memory-mapped; every offset is checked against the file before any byte is read.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "util/mapped_file.h"

namespace nsmlab {

enum class TensorDtype { F32, F16, BF16, Unsupported };

struct TensorInfo {
  std::string name;
  std::string dtype_name;  // as written in the header ("F32", "I64", ...)
  TensorDtype dtype = TensorDtype::Unsupported;
  std::vector<size_t> shape;
  size_t begin = 0, end = 0;  // byte offsets into the data section
  size_t numel() const;
};

std::string shape_string(const std::vector<size_t>& shape);  // "[384, 1536]"

class SafetensorsFile {
 public:
  explicit SafetensorsFile(const std::string& path);

  const std::string& path() const { return file_.path(); }
  const std::map<std::string, TensorInfo>& tensors() const { return tensors_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  const TensorInfo* find(const std::string& name) const;
  // First byte of a tensor's data inside the mapping.
  const uint8_t* data(const TensorInfo& t) const { return data_start_ + t.begin; }
  // Drops a range of the mapping from resident memory once its bytes live elsewhere.
  void evict(const uint8_t* begin, size_t bytes) const { file_.evict(begin, bytes); }

 private:
  MappedFile file_;
  const uint8_t* data_start_ = nullptr;
  std::map<std::string, TensorInfo> tensors_;
  std::map<std::string, std::string> metadata_;
};

}  // namespace nsmlab
