// The pickle of a PyTorch state dict (torch.save of a dict of tensors), read by the
// restricted machine with the only globals such a file needs: collections.OrderedDict,
// torch._utils._rebuild_tensor_v2 / _rebuild_parameter and the typed storage classes
// (Float, Half, BFloat16, Long, Int, Byte). Anything else is refused, naming the global
// and the file. Tensors come out as references into storages the caller locates.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/safetensors.h"

namespace nsmlab {

struct TorchStorage {
  std::string key;         // "0" (zip: record data/0) or the legacy format's id
  std::string type_name;   // "FloatStorage"
  std::string dtype_name;  // safetensors' spelling: "F32", "I64", ...
  TensorDtype dtype = TensorDtype::Unsupported;
  size_t element_size = 0;
  size_t numel = 0;        // as the persistent id declares it
};

struct TorchTensorRef {
  std::string name;
  size_t storage = 0;      // index into TorchStatePickle::storages
  size_t offset = 0;       // in elements
  std::vector<size_t> shape, stride;
};

struct TorchStatePickle {
  std::vector<TorchStorage> storages;
  std::vector<TorchTensorRef> tensors;  // in the file's order; names unique
};

// `legacy`: the pre-zip format's persistent ids carry a sixth field (view metadata).
// Checks that every tensor's extent (offset, shape, strides) fits its storage's numel.
TorchStatePickle read_torch_state_pickle(const uint8_t* data, size_t size, const std::string& source, bool legacy,
                                         size_t* consumed = nullptr);

}  // namespace nsmlab
