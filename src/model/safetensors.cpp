#include "model/safetensors.h"

#include <cstring>
#include <limits>

#include "util/error.h"
#include "util/json_file.h"

namespace nsmlab {

namespace {

struct DtypeInfo {
  TensorDtype dtype;
  size_t bytes;
};

// Byte sizes of every dtype the format defines, so sizes can be checked even for
// tensors nsmlab will never read (e.g. the int64 position_ids buffers older saves carry).
bool dtype_info(const std::string& name, DtypeInfo& out) {
  static const std::map<std::string, DtypeInfo> table = {
      {"F32", {TensorDtype::F32, 4}},         {"F16", {TensorDtype::F16, 2}},
      {"BF16", {TensorDtype::BF16, 2}},       {"F64", {TensorDtype::Unsupported, 8}},
      {"I64", {TensorDtype::Unsupported, 8}}, {"U64", {TensorDtype::Unsupported, 8}},
      {"I32", {TensorDtype::Unsupported, 4}}, {"U32", {TensorDtype::Unsupported, 4}},
      {"I16", {TensorDtype::Unsupported, 2}}, {"U16", {TensorDtype::Unsupported, 2}},
      {"I8", {TensorDtype::Unsupported, 1}},  {"U8", {TensorDtype::Unsupported, 1}},
      {"BOOL", {TensorDtype::Unsupported, 1}}, {"F8_E4M3", {TensorDtype::Unsupported, 1}},
      {"F8_E5M2", {TensorDtype::Unsupported, 1}},
  };
  auto it = table.find(name);
  if (it == table.end()) return false;
  out = it->second;
  return true;
}

}  // namespace

size_t TensorInfo::numel() const {
  size_t n = 1;
  for (size_t d : shape) n *= d;
  return n;
}

std::string shape_string(const std::vector<size_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

SafetensorsFile::SafetensorsFile(const std::string& path) : file_(path) {
  const size_t size = file_.size();
  if (size < 8) fail("{}: not a safetensors file: {} bytes, shorter than the 8-byte header length", path, size);
  uint64_t header_len = 0;
  std::memcpy(&header_len, file_.data(), 8);  // little-endian, as x86/ARM hosts are
  if (header_len > size - 8)
    fail("{}: safetensors header length {} runs past the end of the file ({} bytes): truncated file?", path,
         header_len, size);
  const char* header_text = reinterpret_cast<const char*>(file_.data() + 8);
  Json header;
  try {
    header = Json::parse(header_text, header_text + header_len);
  } catch (const nlohmann::json::parse_error& e) {
    fail("{}: safetensors header is not valid JSON (byte {}): {}", path, e.byte, e.what());
  }
  if (!header.is_object()) fail("{}: safetensors header must be a JSON object", path);
  data_start_ = file_.data() + 8 + header_len;
  const size_t data_size = size - 8 - header_len;

  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (entry.is_object())
        for (const auto& [k, v] : entry.items())
          if (v.is_string()) metadata_[k] = v.get<std::string>();
      continue;
    }
    const std::string where = "tensor '" + name + "'";
    if (!entry.is_object()) fail("{}: header entry for {} must be an object", path, where);
    TensorInfo t;
    t.name = name;
    try {
      t.dtype_name = entry.at("dtype").get<std::string>();
      for (const auto& d : entry.at("shape")) {
        auto v = d.get<long long>();
        if (v < 0) fail("{}: {} has a negative dimension {}", path, where, v);
        t.shape.push_back(static_cast<size_t>(v));
      }
      const auto& off = entry.at("data_offsets");
      if (!off.is_array() || off.size() != 2) fail("{}: {}: 'data_offsets' must be [begin, end]", path, where);
      auto b = off[0].get<long long>(), e = off[1].get<long long>();
      if (b < 0 || e < 0) fail("{}: {}: negative data_offsets", path, where);
      t.begin = static_cast<size_t>(b);
      t.end = static_cast<size_t>(e);
    } catch (const nlohmann::json::exception& ex) {
      fail("{}: {}: malformed header entry (needs dtype, shape, data_offsets): {}", path, where, ex.what());
    }
    DtypeInfo info{};
    if (!dtype_info(t.dtype_name, info)) fail("{}: {} has unknown dtype '{}'", path, where, t.dtype_name);
    t.dtype = info.dtype;
    if (t.begin > t.end || t.end > data_size)
      fail("{}: {} has data_offsets [{}, {}] outside the data section ({} bytes): truncated or corrupt file", path,
           where, t.begin, t.end, data_size);
    size_t numel = t.numel();
    if (numel > std::numeric_limits<size_t>::max() / info.bytes || numel * info.bytes != t.end - t.begin)
      fail("{}: {} ({} {}) should take {} bytes but its data_offsets span {}", path, where, t.dtype_name,
           shape_string(t.shape), numel * info.bytes, t.end - t.begin);
    tensors_.emplace(name, std::move(t));
  }
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
  auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

}  // namespace nsmlab
