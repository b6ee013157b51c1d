// Test helper: writes small safetensors files, including deliberately broken ones.
#pragma once
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <unistd.h>
#include <string>
#include <vector>

#include "util/atomic_file.h"
#include "util/error.h"
#include "support/error_message.h"
#include "util/json_file.h"

namespace nsmlab::testing {

struct RawTensor {
  std::string name;
  std::string dtype;  // "F32", "F16", "BF16", "I64", ...
  std::vector<size_t> shape;
  std::string bytes;
};

inline RawTensor f32_tensor(const std::string& name, std::vector<size_t> shape, const std::vector<float>& v) {
  RawTensor t{name, "F32", std::move(shape), std::string(v.size() * 4, '\0')};
  std::memcpy(t.bytes.data(), v.data(), v.size() * 4);
  return t;
}

// Serialises tensors; `edit` may alter the header JSON before it is written.
template <typename Edit>
std::string safetensors_bytes(const std::vector<RawTensor>& tensors, Edit edit) {
  Json header = Json::object();
  std::string data;
  for (const auto& t : tensors) {
    header[t.name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {data.size(), data.size() + t.bytes.size()}}};
    data += t.bytes;
  }
  edit(header);
  std::string text = header.dump();
  while (text.size() % 8) text += ' ';
  uint64_t n = text.size();
  std::string out(8, '\0');
  std::memcpy(out.data(), &n, 8);
  return out + text + data;
}

inline std::string safetensors_bytes(const std::vector<RawTensor>& tensors) {
  return safetensors_bytes(tensors, [](Json&) {});
}

// Removes the directories a test run created when the program exits.
struct TempDirs {
  std::vector<std::filesystem::path> made;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& p : made) std::filesystem::remove_all(p, ec);
  }
};

// A fresh empty directory under the system temp dir.
inline std::string temp_dir(const std::string& name) {
  static TempDirs dirs;
  auto p = std::filesystem::temp_directory_path() / ("nsmlab_model_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  dirs.made.push_back(p);
  return p.string();
}

// Copies a fixture model folder to a temp dir so that a test can break one file.
inline std::string copy_fixture(const std::string& model, const std::string& tag) {
  std::string dst = temp_dir(tag);
  std::filesystem::copy(std::string(NSMLAB_FIXTURES_DIR) + "/models/" + model, dst,
                        std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  return dst;
}

using test_support::error_of;
using test_support::expect_contains;

inline std::string weights_dir() { return std::string(NSMLAB_FIXTURES_DIR) + "/weights"; }
inline std::string models_dir() { return std::string(NSMLAB_FIXTURES_DIR) + "/models"; }

// Rewrites a JSON file of a copied fixture through edit.
inline void edit_json(const std::string& path, const std::function<void(Json&)>& edit) {
  Json j = load_json(path);
  edit(j);
  write_file_atomic(path, j.dump(2));
}

}  // namespace nsmlab::testing
