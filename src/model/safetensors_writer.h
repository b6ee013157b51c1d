// Writes tensors as a model.safetensors file: the 8-byte header length, the JSON header
// (names sorted, data_offsets contiguous, padded with spaces to 8 bytes) and the bytes,
// streamed so a multi-gigabyte model is never held twice in memory.
#pragma once
#include <map>
#include <string>

#include "model/stored_tensor.h"

namespace nsmlab {

// `path` must be a new file in a folder nsmlab is filling (a staging directory): it is
// written in place; every write is checked and errors name the path.
void write_safetensors_file(const std::string& path, const std::map<std::string, StoredTensor>& tensors,
                            const std::map<std::string, std::string>& metadata = {{"format", "pt"}});

}  // namespace nsmlab
