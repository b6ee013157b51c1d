#include "model/safetensors.h"

#include <algorithm>
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
  for (size_t d : shape)
    if (__builtin_mul_overflow(n, d, &n)) fail("tensor '{}': shape {} has more elements than memory can hold", name, shape_string(shape));
  return n;
}

std::string shape_string(const std::vector<size_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

namespace {

// A header number that must be a non-negative integer: JSON integers only (no 3.5,
// no -1, no 1e30), as nlohmann parses 0..2^64-1 to an unsigned value.
size_t header_size_value(const Json& v, const std::string& path, const std::string& where, const char* field) {
  if (!v.is_number_unsigned())
    fail("{}: {}: '{}' must hold non-negative integers, got {} {}", path, where, field, json_type_name(v),
         json_excerpt(v));
  const uint64_t x = v.get<uint64_t>();
  if (x > std::numeric_limits<size_t>::max()) fail("{}: {}: '{}' value {} is too large", path, where, field, x);
  return static_cast<size_t>(x);
}

TensorInfo parse_entry(const std::string& name, const Json& entry, const std::string& path, size_t data_size) {
  const std::string where = "tensor '" + name + "'";
  if (!entry.is_object()) fail("{}: header entry for {} must be an object, got {}", path, where, json_type_name(entry));
  for (const char* field : {"dtype", "shape", "data_offsets"})
    if (!entry.contains(field))
      fail("{}: {}: malformed header entry: missing '{}' (needs dtype, shape, data_offsets)", path, where, field);
  TensorInfo t;
  t.name = name;
  const Json& dtype = entry["dtype"];
  if (!dtype.is_string()) fail("{}: {}: 'dtype' must be a string, got {}", path, where, json_type_name(dtype));
  t.dtype_name = dtype.get<std::string>();
  DtypeInfo info{};
  if (!dtype_info(t.dtype_name, info))
    fail("{}: {} has unknown dtype {}", path, where, json_excerpt(dtype));
  t.dtype = info.dtype;
  const Json& shape = entry["shape"];
  if (!shape.is_array()) fail("{}: {}: 'shape' must be an array, got {}", path, where, json_type_name(shape));
  size_t numel = 1;
  for (const Json& d : shape) {
    t.shape.push_back(header_size_value(d, path, where, "shape"));
    if (__builtin_mul_overflow(numel, t.shape.back(), &numel))
      fail("{}: {} has shape {}: more elements than any file can hold", path, where, json_excerpt(shape));
  }
  const Json& off = entry["data_offsets"];
  if (!off.is_array() || off.size() != 2)
    fail("{}: {}: 'data_offsets' must be [begin, end], got {}", path, where, json_excerpt(off));
  t.begin = header_size_value(off[0], path, where, "data_offsets");
  t.end = header_size_value(off[1], path, where, "data_offsets");
  if (t.begin > t.end || t.end > data_size)
    fail("{}: {} has data_offsets [{}, {}] outside the data section ({} bytes): truncated or corrupt file", path,
         where, t.begin, t.end, data_size);
  size_t bytes = 0;
  if (__builtin_mul_overflow(numel, info.bytes, &bytes))
    fail("{}: {} ({} {}) is larger than any file can hold", path, where, t.dtype_name, shape_string(t.shape));
  if (bytes != t.end - t.begin)
    fail("{}: {} ({} {}) should take {} bytes but its data_offsets span {}", path, where, t.dtype_name,
         shape_string(t.shape), bytes, t.end - t.begin);
  return t;
}

}  // namespace

SafetensorsFile::SafetensorsFile(const std::string& path) : file_(path) {
  const size_t size = file_.size();
  if (size < 8) fail("{}: not a safetensors file: {} bytes, shorter than the 8-byte header length", path, size);
  uint64_t header_len = 0;
  std::memcpy(&header_len, file_.data(), 8);  // little-endian, as x86/ARM hosts are
  if (header_len > size - 8)
    fail("{}: safetensors header length {} runs past the end of the file ({} bytes): truncated file?", path,
         header_len, size);
  const char* header_text = reinterpret_cast<const char*>(file_.data() + 8);
  // Duplicate names are refused: nlohmann would keep the last silently.
  const Json header = parse_json_text(std::string_view(header_text, header_len), path + " (safetensors header)", true);
  if (!header.is_object()) fail("{}: safetensors header must be a JSON object, got {}", path, json_type_name(header));
  data_start_ = file_.data() + 8 + header_len;
  const size_t data_size = size - 8 - header_len;

  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object())
        fail("{}: '__metadata__' must be an object of strings, got {}", path, json_type_name(entry));
      for (const auto& [k, v] : entry.items()) {
        if (!v.is_string())
          fail("{}: '__metadata__' field {} must be a string, got {}", path, json_excerpt(Json(k)), json_type_name(v));
        metadata_[k] = v.get<std::string>();
      }
      continue;
    }
    tensors_.emplace(name, parse_entry(name, entry, path, data_size));
  }
  // Two tensors must not share bytes: a writer that overlaps them has a bug, and a reader
  // would see one tensor's values change with the other's.
  std::vector<const TensorInfo*> by_offset;
  for (const auto& [name, t] : tensors_)
    if (t.end > t.begin) by_offset.push_back(&t);
  std::sort(by_offset.begin(), by_offset.end(), [](const TensorInfo* a, const TensorInfo* b) { return a->begin < b->begin; });
  for (size_t i = 1; i < by_offset.size(); ++i)
    if (by_offset[i]->begin < by_offset[i - 1]->end)
      fail("{}: tensors '{}' [{}, {}] and '{}' [{}, {}] overlap in the data section", path, by_offset[i - 1]->name,
           by_offset[i - 1]->begin, by_offset[i - 1]->end, by_offset[i]->name, by_offset[i]->begin, by_offset[i]->end);
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
  auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

}  // namespace nsmlab
