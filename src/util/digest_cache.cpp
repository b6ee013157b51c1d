#include "util/digest_cache.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "util/atomic_file.h"
#include "util/json_file.h"
#include "util/sha256.h"

namespace fs = std::filesystem;

namespace nsmlab {

std::string nsmlab_cache_dir() {
  if (const char* d = std::getenv("NSMLAB_CACHE"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/nsmlab";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/nsmlab";
  return "";
}

std::string sha256_file_hex_cached(const std::string& path) {
  std::error_code ec;
  const std::string dir = nsmlab_cache_dir();
  struct stat st {};
  const fs::path canonical = fs::canonical(path, ec);
  if (dir.empty() || ec || ::stat(path.c_str(), &st) != 0) return sha256_file_hex(path);
  const std::string key = fmt::format("{}|{}|{}|{}.{:09}", canonical.string(), st.st_size, st.st_ino,
                                      st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  const std::string file = dir + "/sha256.json";
  Json cache = Json::object();
  try {
    if (fs::exists(file, ec)) cache = load_json(file);
    if (!cache.is_object()) cache = Json::object();
    if (auto it = cache.find(key); it != cache.end() && it->is_string()) return it->get<std::string>();
  } catch (const Error&) {
    cache = Json::object();  // a damaged cache is rebuilt, never fatal
  }
  std::string digest = sha256_file_hex(path);
  try {
    fs::create_directories(dir, ec);
    // Drop entries of the same file under an older size or date.
    const std::string prefix = canonical.string() + "|";
    for (auto it = cache.begin(); it != cache.end();)
      it = it.key().rfind(prefix, 0) == 0 ? cache.erase(it) : std::next(it);
    cache[key] = digest;
    write_file_atomic(file, cache.dump(1) + "\n");
  } catch (const Error&) {
  }
  return digest;
}

}  // namespace nsmlab
