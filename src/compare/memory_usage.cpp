#include "compare/memory_usage.h"

#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace nsmlab {
namespace {

// "Name:   12345 kB" -> bytes.
std::optional<uint64_t> kib_line(const std::string& path, std::string_view name) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() <= name.size() || line.compare(0, name.size(), name) != 0 || line[name.size()] != ':') continue;
    const char* p = line.data() + name.size() + 1;
    const char* end = line.data() + line.size();
    while (p < end && (*p == ' ' || *p == '\t')) ++p;
    uint64_t kib = 0;
    auto [q, ec] = std::from_chars(p, end, kib);
    if (ec != std::errc() || kib > (UINT64_MAX >> 10)) return std::nullopt;
    return kib << 10;
  }
  return std::nullopt;
}

bool is_weight_file(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".safetensors" || ext == ".bin" || ext == ".pt";
}

}  // namespace

std::optional<uint64_t> process_memory_bytes(pid_t pid, const char* field) {
  return kib_line("/proc/" + std::to_string(pid) + "/status", field);
}

std::optional<uint64_t> machine_available_bytes() { return kib_line("/proc/meminfo", "MemAvailable"); }

uint64_t model_weight_bytes(const std::string& model_dir) {
  namespace fs = std::filesystem;
  uint64_t total = 0;
  std::error_code ec;
  // Two levels: the folder and its module subfolders (0_Transformer/, 2_Dense/); no deeper walk.
  auto add_folder = [&](const fs::path& dir, auto&& self, int depth) -> void {
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
      std::error_code e2;
      if (e.is_directory(e2)) {
        if (depth == 0) self(e.path(), self, 1);
      } else if (is_weight_file(e.path()) && e.is_regular_file(e2)) {
        const uint64_t size = e.file_size(e2);
        if (!e2 && size <= UINT64_MAX - total) total += size;
      }
    }
  };
  add_folder(model_dir, add_folder, 0);
  return total;
}

uint64_t estimate_run_resident_bytes(const std::string& model_dir) {
  const uint64_t w = model_weight_bytes(model_dir);
  return (w > (UINT64_MAX - kRunOverheadBytes) / 2) ? UINT64_MAX : 2 * w + kRunOverheadBytes;
}

}  // namespace nsmlab
