#include "model/safetensors_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "util/error.h"
#include "util/json_file.h"

namespace nsmlab {

void write_safetensors_file(const std::string& path, const std::map<std::string, StoredTensor>& tensors,
                            const std::map<std::string, std::string>& metadata) {
  Json header = Json::object();
  size_t offset = 0;
  for (const auto& [name, t] : tensors) {
    header[name] = {{"dtype", t.dtype_name}, {"shape", t.view.shape}, {"data_offsets", {offset, offset + t.view.bytes}}};
    offset += t.view.bytes;
  }
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');
  const uint64_t length = text.size();

  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "wbx"), &std::fclose);  // x: never an existing file
  if (!f) fail("{}: cannot create: {}", path, std::strerror(errno));
  auto put = [&](const void* data, size_t n) {
    if (n && std::fwrite(data, 1, n, f.get()) != n) fail("{}: write failed: {}", path, std::strerror(errno));
  };
  put(&length, 8);  // little-endian, as x86/ARM hosts are
  put(text.data(), text.size());
  for (const auto& [name, t] : tensors) put(t.view.data, t.view.bytes);
  if (std::fflush(f.get()) != 0) fail("{}: write failed: {}", path, std::strerror(errno));
  if (std::fclose(f.release()) != 0) fail("{}: close failed: {}", path, std::strerror(errno));
}

}  // namespace nsmlab
