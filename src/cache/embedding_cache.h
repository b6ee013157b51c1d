// The embedding cache: float32 vectors keyed by (model identity, settings, text), in one
// SQLite file (WAL mode) that many processes may read and fill at once. A "space" is one
// (model SHA-256, settings) pair; an entry is one text's vector in a space. Lookups and
// inserts go chunk by chunk: nothing ever loads the whole cache. docs/EMBED.md, "Cache".
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/sqlite_db.h"

namespace nsmlab {

// SHA-256 of the exact UTF-8 bytes of a text (no prompt, no normalisation).
using TextKey = std::array<unsigned char, 32>;
TextKey text_key(std::string_view text);

// Bumped when the layout of the file or of a vector changes: older files are refused.
inline constexpr int kCacheFormatVersion = 1;

class EmbeddingCache {
 public:
  // Opens the file, creating it (and its folder) when absent. A file that is not an nsmlab
  // cache (another program's database, anything else, a newer format) is refused with an
  // error naming it, and never written to.
  explicit EmbeddingCache(const std::string& path);

  const std::string& path() const { return db_.path(); }
  SqliteDb& db() { return db_; }

  // SHA-256 of a file, memoised in the cache by (canonical path, size, device, inode,
  // modification and change times): a model's gigabytes are hashed once, not every run.
  std::string file_sha256(const std::string& path);

  // The space of (model_sha256, settings), created on first use; `label` (the model's folder
  // or name) and `dim` are recorded for `cache stats`. A space seen before with another
  // dimension is an error (the same settings cannot give two widths).
  int64_t space(const std::string& model_sha256, const std::string& settings, size_t dim, const std::string& label);

  // Fills rows[i * dim ...] and found[i] = 1 for every key present; returns how many were.
  size_t lookup(int64_t space, size_t dim, const std::vector<TextKey>& keys, float* rows, std::vector<uint8_t>& found);

  // found[i]: 0 a miss, 1 a hit, 2 a hit last used more than a day ago (its use date is
  // refreshed, so prune --older-than keeps it; fresher hits cost no write).

  // After lookup and encoding: stores rows[i] under keys[i] for every miss (found[i] == 0; a
  // key another process stored meanwhile is left as is), refreshes the use date of stale hits
  // and adds the hits to the space's count, in one transaction. `before_commit` runs inside
  // the transaction (tests kill the process there).
  void insert(int64_t space, size_t dim, const std::vector<TextKey>& keys, const float* rows,
              const std::vector<uint8_t>& found, const std::function<void()>& before_commit = {});

 private:
  void check_or_create_schema();
  void use_wal();  // persistent WAL mode: readers never block the writer
  SqliteDb db_;
};

// Where the cache lives by default: nsmlab_cache_dir()/embeddings.sqlite
// ($NSMLAB_CACHE, else $XDG_CACHE_HOME/nsmlab, else ~/.cache/nsmlab); "" when none is known.
std::string default_embedding_cache_path();

// Seconds since the epoch (entries' creation and last use).
int64_t cache_now();

}  // namespace nsmlab
