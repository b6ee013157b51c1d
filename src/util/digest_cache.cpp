#include "util/digest_cache.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "util/atomic_file.h"
#include "util/json_file.h"
#include "util/regular_file.h"
#include "util/sha256.h"

namespace fs = std::filesystem;

namespace nsmlab {

std::string nsmlab_cache_dir() {
  if (const char* d = std::getenv("NSMLAB_CACHE"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/nsmlab";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/nsmlab";
  return "";
}

namespace {

// What a digest in the cache must look like; anything else (a hand-edited or damaged
// cache) is recomputed, so it can never reach results.json.
bool is_sha256_hex(const Json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string sha256_file_hex_cached(const std::string& path) {
  std::error_code ec;
  const std::string dir = nsmlab_cache_dir();
  struct stat st {};
  const fs::path canonical = fs::canonical(path, ec);
  if (dir.empty() || ec || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return sha256_file_hex(path);
  // ctime too: `touch -r` can set the modification time back after an in-place edit, but
  // no user call sets the change time. The device makes the inode number meaningful.
  const std::string key =
      fmt::format("{}|{}|{}:{}|{}.{:09}|{}.{:09}", canonical.string(), st.st_size, st.st_dev, st.st_ino,
                  st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
  const std::string file = dir + "/sha256.json";
  Json cache = Json::object();
  try {
    if (file_exists(file)) cache = load_json(file);
    if (!cache.is_object()) cache = Json::object();
    if (auto it = cache.find(key); it != cache.end() && is_sha256_hex(*it)) return it->get<std::string>();
  } catch (const std::exception&) {
    cache = Json::object();  // a damaged cache is rebuilt, never fatal
  }
  std::string digest = sha256_file_hex(path);
  try {
    fs::create_directories(dir, ec);
    // Drop entries of the same file under an older size or date, and any malformed entry.
    const std::string prefix = canonical.string() + "|";
    for (auto it = cache.begin(); it != cache.end();)
      it = it.key().rfind(prefix, 0) == 0 || !is_sha256_hex(*it) ? cache.erase(it) : std::next(it);
    cache[key] = digest;
    write_file_atomic(file, cache.dump(1) + "\n");
  } catch (const std::exception&) {  // unwritable cache, or a path that is not UTF-8 (dump throws)
  }
  return digest;
}

}  // namespace nsmlab
