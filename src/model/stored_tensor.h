// One tensor of a weight file, whatever the format: where its bytes are (a mapping of the
// file, or a copy nsmlab made) and the dtype as the file names it.
#pragma once
#include <string>

#include "model/tensor_view.h"

namespace nsmlab {

struct StoredTensor {
  TensorView view;         // name, dtype (Unsupported for integer types), shape, bytes
  std::string dtype_name;  // safetensors' spelling: "F32", "BF16", "I64", ...
  std::string file;        // the file that holds it (a shard, a pytorch_model.bin)
};

}  // namespace nsmlab
