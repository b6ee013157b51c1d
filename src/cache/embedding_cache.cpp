#include "cache/embedding_cache.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "util/digest_cache.h"
#include "util/error.h"
#include "util/sha256.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {

constexpr int64_t kApplicationId = 0x4E534D43;  // "NSMC": marks the file as nsmlab's
constexpr int kBusyMs = 60000;                   // another process's write: wait, don't fail
constexpr int64_t kTouchAfterS = 86400;          // use dates are kept to the day

constexpr const char* kSchema = R"(
CREATE TABLE spaces(
  id INTEGER PRIMARY KEY,
  model_sha256 TEXT NOT NULL,
  settings TEXT NOT NULL,
  dim INTEGER NOT NULL,
  label TEXT NOT NULL,
  created INTEGER NOT NULL,
  hits INTEGER NOT NULL DEFAULT 0,
  UNIQUE(model_sha256, settings));
CREATE TABLE entries(
  id INTEGER PRIMARY KEY,
  space INTEGER NOT NULL REFERENCES spaces(id),
  text_sha256 BLOB NOT NULL,
  vector BLOB NOT NULL,
  created INTEGER NOT NULL,
  used INTEGER NOT NULL,
  UNIQUE(space, text_sha256));
CREATE INDEX entries_used ON entries(used);
CREATE TABLE file_digests(
  path TEXT PRIMARY KEY,
  stamp TEXT NOT NULL,
  sha256 TEXT NOT NULL);
)";

bool is_sha256_hex(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string create_parent(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    fs::create_directories(parent, ec);
    if (ec) fail("{}: cannot create the embedding cache's folder {}: {}", path, parent.string(), ec.message());
  }
  return path;
}

}  // namespace

TextKey text_key(std::string_view text) {
  TextKey k{};
  unsigned int len = 0;
  if (EVP_Digest(text.data(), text.size(), k.data(), &len, EVP_sha256(), nullptr) != 1 || len != k.size())
    fail("sha256: OpenSSL digest failed");
  return k;
}

int64_t cache_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string default_embedding_cache_path() {
  const std::string dir = nsmlab_cache_dir();
  return dir.empty() ? "" : dir + "/embeddings.sqlite";
}

EmbeddingCache::EmbeddingCache(const std::string& path) : db_(create_parent(path), true, kBusyMs) {
  check_or_create_schema();
}

void EmbeddingCache::check_or_create_schema() {
  // Read before writing anything: another program's database must not even get WAL mode.
  // One statement, so one snapshot: read apart, the id could predate and the table count follow
  // another process's commit of a new cache, and that cache would look like a foreign database.
  auto check = [&] {
    SqliteStatement q(db_,
                      "SELECT (SELECT application_id FROM pragma_application_id), "
                      "(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)");
    if (!q.step()) fail("{}: embedding cache: reading its header gave no row", db_.path());
    const int64_t app = q.column_int(0), version = q.column_int(1), objects = q.column_int(2);
    if (app == kApplicationId) {
      if (version != kCacheFormatVersion)
        fail("{}: an nsmlab embedding cache of format {}, this nsmlab reads format {}; give --cache another file",
             db_.path(), version, kCacheFormatVersion);
      return true;
    }
    if (app != 0 || objects != 0)
      fail("{}: an SQLite database that is not an nsmlab embedding cache (application_id {}, {} tables or indexes); "
           "nsmlab leaves it alone: give --cache another file",
           db_.path(), app, objects);
    return false;
  };
  if (!check()) {
    db_.exec("PRAGMA auto_vacuum = INCREMENTAL");  // before the first table: prune can shrink the file
    use_wal();
    SqliteTransaction t(db_);
    if (!check()) {  // another process may have created it meanwhile
      db_.exec(kSchema);
      db_.exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {}", kApplicationId, kCacheFormatVersion).c_str());
    }
    t.commit();
  }
  use_wal();
  // WAL with NORMAL: a killed process never loses a commit nor corrupts the file; a power cut
  // may lose the last commits, which a cache can afford.
  db_.exec("PRAGMA synchronous = NORMAL");
}

void EmbeddingCache::use_wal() {
  // Another process creating the same new cache may hold the lock the switch needs: wait for it.
  if (const std::string mode = db_.text_retrying_busy("PRAGMA journal_mode = WAL"); mode != "wal")
    fail("{}: embedding cache: SQLite kept journal mode \"{}\" instead of WAL", db_.path(), mode);
}

std::string EmbeddingCache::file_sha256(const std::string& path) {
  std::error_code ec;
  struct stat st {};
  const fs::path canonical = fs::canonical(path, ec);
  if (ec || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return sha256_file_hex(path);
  // ctime too: `touch -r` can set the modification time back after an in-place edit.
  const std::string stamp = fmt::format("{}|{}:{}|{}.{:09}|{}.{:09}", st.st_size, st.st_dev, st.st_ino, st.st_mtim.tv_sec,
                                        st.st_mtim.tv_nsec, st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
  {
    SqliteStatement q(db_, "SELECT sha256 FROM file_digests WHERE path = ? AND stamp = ?");
    q.bind(1, canonical.string()).bind(2, stamp);
    if (q.step())
      if (std::string d = q.column_text(0); is_sha256_hex(d)) return d;
  }
  const std::string digest = sha256_file_hex(path);
  SqliteStatement w(db_, "INSERT OR REPLACE INTO file_digests(path, stamp, sha256) VALUES (?, ?, ?)");
  w.bind(1, canonical.string()).bind(2, stamp).bind(3, digest);
  w.step();
  return digest;
}

int64_t EmbeddingCache::space(const std::string& model_sha256, const std::string& settings, size_t dim,
                              const std::string& label) {
  SqliteTransaction t(db_);
  SqliteStatement q(db_, "SELECT id, dim FROM spaces WHERE model_sha256 = ? AND settings = ?");
  q.bind(1, model_sha256).bind(2, settings);
  if (q.step()) {
    const int64_t id = q.column_int(0);
    if (q.column_int(1) != static_cast<int64_t>(dim))
      fail("{}: space {} holds vectors of {} values, the model gives {}: the cache is damaged; give --cache another "
           "file",
           db_.path(), id, q.column_int(1), dim);
    q.reset();
    SqliteStatement l(db_, "UPDATE spaces SET label = ? WHERE id = ?");  // the name last used
    l.bind(1, label).bind(2, id).step();
    t.commit();
    return id;
  }
  SqliteStatement w(db_, "INSERT INTO spaces(model_sha256, settings, dim, label, created) VALUES (?, ?, ?, ?, ?)");
  w.bind(1, model_sha256).bind(2, settings).bind(3, static_cast<int64_t>(dim)).bind(4, label).bind(5, cache_now());
  w.step();
  const int64_t id = db_.scalar("SELECT last_insert_rowid()");
  t.commit();
  return id;
}

size_t EmbeddingCache::lookup(int64_t space, size_t dim, const std::vector<TextKey>& keys, float* rows,
                              std::vector<uint8_t>& found) {
  found.assign(keys.size(), 0);
  size_t n = 0;
  const int64_t stale = cache_now() - kTouchAfterS;
  SqliteStatement q(db_, "SELECT vector, used FROM entries WHERE space = ? AND text_sha256 = ?");
  for (size_t i = 0; i < keys.size(); ++i) {
    q.bind(1, space).bind_blob(2, keys[i].data(), keys[i].size());
    if (q.step()) {
      const std::string_view v = q.column_blob(0);
      if (v.size() != dim * sizeof(float))
        fail("{}: an entry of space {} holds {} bytes, expected {} ({} float32 values): the cache is damaged; give "
             "--cache another file",
             db_.path(), space, v.size(), dim * sizeof(float), dim);
      std::memcpy(rows + i * dim, v.data(), v.size());
      found[i] = q.column_int(1) < stale ? 2 : 1;
      ++n;
    }
    q.reset();
  }
  return n;
}

void EmbeddingCache::insert(int64_t space, size_t dim, const std::vector<TextKey>& keys, const float* rows,
                            const std::vector<uint8_t>& found, const std::function<void()>& before_commit) {
  if (found.size() != keys.size()) fail("embedding cache: {} keys but {} lookups", keys.size(), found.size());
  const int64_t now = cache_now();
  SqliteTransaction t(db_);
  SqliteStatement add(db_, "INSERT OR IGNORE INTO entries(space, text_sha256, vector, created, used) VALUES (?, ?, ?, ?, ?)");
  SqliteStatement touch(db_, "UPDATE entries SET used = ? WHERE space = ? AND text_sha256 = ?");
  int64_t hits = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (found[i] == 0) {
      add.bind(1, space).bind_blob(2, keys[i].data(), keys[i].size()).bind_blob(3, rows + i * dim, dim * sizeof(float));
      add.bind(4, now).bind(5, now);
      add.step();
      add.reset();
    } else {
      ++hits;
      if (found[i] == 2) {
        touch.bind(1, now).bind(2, space).bind_blob(3, keys[i].data(), keys[i].size());
        touch.step();
        touch.reset();
      }
    }
  }
  if (hits > 0) {
    SqliteStatement h(db_, "UPDATE spaces SET hits = hits + ? WHERE id = ?");
    h.bind(1, hits).bind(2, space).step();
  }
  if (before_commit) before_commit();
  t.commit();
}

}  // namespace nsmlab
