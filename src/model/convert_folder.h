// `nsmlab convert`: a copy of a model folder whose every weight file is model.safetensors.
// Each folder of the tree whose weights are pytorch_model.bin or a sharded index (the
// Transformer, a Dense module) gets one model.safetensors with the same tensors, dtypes and
// bytes; those source files (and the shards) are left out; every other file is copied (links
// followed, as in a hub snapshot). The caller provides an empty folder to fill (a staging
// directory moved into place when complete).
#pragma once
#include <string>
#include <vector>

namespace nsmlab {

struct ConvertedFile {
  std::string from;  // the weight file read (relative to the source folder)
  std::string to;    // the model.safetensors written (relative)
  size_t tensors = 0;
  size_t bytes = 0;
};

std::vector<ConvertedFile> convert_to_safetensors(const std::string& source_dir, const std::string& target_dir);

}  // namespace nsmlab
