// `nsmlab cache stats` and `nsmlab cache prune`: aggregates and deletions done by SQLite
// itself, in bounded batches, so neither loads the cache nor holds its lock for long.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cache/embedding_cache.h"

namespace nsmlab {

struct CacheSpaceStats {
  int64_t id = 0;
  std::string model_sha256, label, settings;
  int64_t dim = 0, entries = 0, bytes = 0, hits = 0, created = 0, last_used = 0;
};

struct CacheStats {
  std::string path;
  int64_t file_bytes = 0;  // the database and its write-ahead log
  int64_t models = 0, entries = 0, bytes = 0, hits = 0;  // bytes: keys and vectors
  std::vector<CacheSpaceStats> spaces;
};

CacheStats cache_stats(EmbeddingCache& cache);

struct PruneOptions {
  std::optional<int64_t> older_than_s;  // entries not used for this long
  std::optional<int64_t> max_bytes;     // then the least recently used until the file fits
  std::string model;                    // only this model: a SHA-256 prefix (6+ hex digits) or its folder
};

struct PruneResult {
  int64_t entries_removed = 0, spaces_removed = 0, file_bytes_before = 0, file_bytes_after = 0;
};

// --model alone removes the model's entries and spaces; with --older-than, only its old ones.
// --max-size applies to the whole file after the other rules.
PruneResult prune_cache(EmbeddingCache& cache, const PruneOptions& options);

// "90s", "45m", "12h", "30d", "2w" (a bare number: days).
int64_t parse_duration_s(const std::string& text, const std::string& option);
// "1048576", "500K", "200M", "2G", "1T" (powers of 1024; an optional trailing B or iB).
int64_t parse_byte_size(const std::string& text, const std::string& option);

}  // namespace nsmlab
