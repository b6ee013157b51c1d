#include "model/tensor_archive.h"

#include <filesystem>

#include "util/error.h"
#include "util/json_file.h"

namespace nsmlab {

namespace fs = std::filesystem;

namespace {

bool is_index(const std::string& path) { return path.ends_with(".index.json"); }

// weight_map: tensor name -> shard file name (a file beside the index, never a path).
std::map<std::string, std::string> read_weight_map(const std::string& path) {
  const Json j = load_json(path);
  if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
    fail("{}: expected an object with a 'weight_map' object (tensor name -> shard file)", path);
  std::map<std::string, std::string> map;
  for (const auto& [name, shard] : j["weight_map"].items()) {
    if (!shard.is_string())
      fail("{}: weight_map entry '{}' must be a shard file name, got {}", path, name, json_type_name(shard));
    const std::string file = shard.get<std::string>();
    if (file.empty() || file.find('/') != std::string::npos || file.find('\\') != std::string::npos ||
        file.find('\0') != std::string::npos || file == "." || file == ".." || is_index(file))
      fail("{}: weight_map entry '{}' names {}; expected a shard file beside the index (no folders)", path, name,
           json_excerpt(shard));
    map[name] = file;
  }
  if (map.empty()) fail("{}: 'weight_map' is empty", path);
  return map;
}

}  // namespace

TensorArchive::TensorArchive(TensorArchive&&) noexcept = default;
TensorArchive::~TensorArchive() = default;

TensorArchive::TensorArchive(const std::string& path) : path_(path) {
  if (!is_index(path)) {
    add_file(path, nullptr);
    return;
  }
  const std::map<std::string, std::string> map = read_weight_map(path);
  std::map<std::string, std::map<std::string, std::string>> by_shard;  // shard -> its names
  for (const auto& [name, shard] : map) by_shard[shard][name] = shard;
  const std::string dir = fs::path(path).parent_path().string();
  for (const auto& [shard, names] : by_shard) {
    const std::string file = dir.empty() ? shard : dir + "/" + shard;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
      fail("{}: weight_map names shard '{}' ({} tensors, e.g. '{}'), but {} is missing", path, shard, names.size(),
           names.begin()->first, file);
    add_file(file, &names);
  }
}

void TensorArchive::add_file(const std::string& file, const std::map<std::string, std::string>* only) {
  std::vector<StoredTensor> found;
  if (file.ends_with(".safetensors")) {
    const SafetensorsFile& st = *safetensors_.emplace_back(std::make_unique<SafetensorsFile>(file));
    for (const auto& [name, t] : st.tensors()) {
      StoredTensor s;
      s.view.name = name;
      s.view.dtype = t.dtype;
      s.view.shape = t.shape;
      s.view.data = st.data(t);
      s.view.bytes = t.end - t.begin;
      s.view.residence = Residence::HostMapping;
      s.dtype_name = t.dtype_name;
      s.file = file;
      found.push_back(std::move(s));
    }
  } else {
    const TorchCheckpoint& ckpt = *checkpoints_.emplace_back(std::make_unique<TorchCheckpoint>(file));
    found = ckpt.tensors();
  }
  for (StoredTensor& s : found) {
    if (only && !only->count(s.view.name)) continue;  // the weight_map puts it in another shard, or nowhere
    const std::string name = s.view.name;
    auto [it, fresh] = tensors_.emplace(name, std::move(s));
    if (!fresh) fail("{}: tensor '{}' is in {} and in {}", path_, name, it->second.file, file);
  }
  if (only)
    for (const auto& [name, shard] : *only)
      if (!tensors_.count(name))
        fail("{}: weight_map puts tensor '{}' in {}, which does not hold it", path_, name, file);
}

const StoredTensor* TensorArchive::find(const std::string& name) const {
  auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

void TensorArchive::evict(const TensorView& v) const {
  if (v.residence != Residence::HostMapping || !v.data) return;
  for (const auto& f : safetensors_) f->evict(v.data, v.bytes);  // each ignores ranges outside its mapping
  for (const auto& f : checkpoints_) f->evict(v.data, v.bytes);
}

std::string locate_weights(const std::string& dir) {
  for (const char* name : {"model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
                           "pytorch_model.bin.index.json"}) {
    const std::string p = dir + "/" + name;
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p;
  }
  return "";
}

}  // namespace nsmlab
