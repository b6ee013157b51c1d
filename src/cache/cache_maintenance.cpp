#include "cache/cache_maintenance.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <limits>

#include "cache/sqlite_db.h"
#include "util/error.h"

namespace nsmlab {

namespace {

constexpr int64_t kDeleteBatch = 256;  // rows per transaction: other processes get their turn, --max-size is close

int64_t size_on_disk(const std::string& path) {
  int64_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    struct stat st {};
    if (::stat((path + suffix).c_str(), &st) == 0) total += st.st_size;
  }
  return total;
}

int64_t used_bytes(SqliteDb& db) {
  return (db.scalar("PRAGMA page_count") - db.scalar("PRAGMA freelist_count")) * db.scalar("PRAGMA page_size");
}

// The spaces --model names: a SHA-256 prefix, or the folder recorded as their label.
std::vector<int64_t> matching_spaces(SqliteDb& db, const std::string& model) {
  const bool hex_prefix = model.size() >= 6 && model.size() <= 64 &&
                          std::all_of(model.begin(), model.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  std::error_code ec;
  const std::filesystem::path folder = std::filesystem::canonical(model, ec);
  SqliteStatement q(db, "SELECT id FROM spaces WHERE (? AND substr(model_sha256, 1, length(?)) = lower(?)) OR label = ? OR label = ?");
  q.bind(1, int64_t{hex_prefix}).bind(2, model).bind(3, model).bind(4, model).bind(5, ec ? model : folder.string());
  std::vector<int64_t> ids;  // one per (model, settings): a handful
  while (q.step()) ids.push_back(q.column_int(0));
  if (ids.empty())
    fail("{}: --model {}: no model in the cache has this SHA-256 prefix (6 or more hex digits) or folder; `nsmlab "
         "cache stats` lists them",
         db.path(), model);
  return ids;
}

// Deletes in batches the entries `where` selects (ordered oldest use first), while `more()`.
int64_t delete_batches(SqliteDb& db, const std::string& where, const std::function<bool()>& more) {
  const std::string sql = fmt::format(
      "DELETE FROM entries WHERE id IN (SELECT id FROM entries WHERE {} ORDER BY used, id LIMIT {})", where, kDeleteBatch);
  int64_t removed = 0;
  while (more()) {
    SqliteTransaction t(db);
    db.exec(sql.c_str());
    const int64_t n = db.changes();
    t.commit();
    removed += n;
    if (n == 0) break;
  }
  return removed;
}

int64_t checked_scale(int64_t v, int64_t unit, const std::string& text, const std::string& option) {
  if (v < 0 || v > std::numeric_limits<int64_t>::max() / unit) fail("{} {}: out of range", option, text);
  return v * unit;
}

std::pair<int64_t, std::string> number_and_unit(const std::string& text, const std::string& option, const char* expected) {
  size_t i = 0;
  int64_t v = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    if (v > (std::numeric_limits<int64_t>::max() - 9) / 10) fail("{} {}: out of range", option, text);
    v = v * 10 + (text[i] - '0');
  }
  if (i == 0) fail("{} {}: expected {}", option, text, expected);
  std::string unit = text.substr(i);
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return {v, unit};
}

}  // namespace

CacheStats cache_stats(EmbeddingCache& cache) {
  SqliteDb& db = cache.db();
  CacheStats s;
  s.path = cache.path();
  s.file_bytes = size_on_disk(s.path);
  // One aggregate pass in SQLite (length() of a blob reads no vector).
  SqliteStatement q(db,
                    "SELECT s.id, s.model_sha256, s.label, s.settings, s.dim, s.hits, s.created, count(e.id), "
                    "coalesce(sum(length(e.text_sha256) + length(e.vector)), 0), coalesce(max(e.used), 0) "
                    "FROM spaces s LEFT JOIN entries e ON e.space = s.id GROUP BY s.id ORDER BY s.model_sha256, s.id");
  std::vector<std::string> models;
  while (q.step()) {
    CacheSpaceStats p;
    p.id = q.column_int(0);
    p.model_sha256 = q.column_text(1);
    p.label = q.column_text(2);
    p.settings = q.column_text(3);
    p.dim = q.column_int(4);
    p.hits = q.column_int(5);
    p.created = q.column_int(6);
    p.entries = q.column_int(7);
    p.bytes = q.column_int(8);
    p.last_used = q.column_int(9);
    if (models.empty() || models.back() != p.model_sha256) models.push_back(p.model_sha256);
    s.entries += p.entries;
    s.bytes += p.bytes;
    s.hits += p.hits;
    s.spaces.push_back(std::move(p));
  }
  s.models = static_cast<int64_t>(models.size());
  return s;
}

PruneResult prune_cache(EmbeddingCache& cache, const PruneOptions& o) {
  if (!o.older_than_s && !o.max_bytes && o.model.empty()) fail("cache prune: give --older-than, --max-size or --model");
  SqliteDb& db = cache.db();
  PruneResult r;
  r.file_bytes_before = size_on_disk(cache.path());
  std::string in_model = "1";
  std::vector<int64_t> ids;
  if (!o.model.empty()) {
    ids = matching_spaces(db, o.model);
    in_model = fmt::format("space IN ({})", fmt::join(ids, ","));
  }
  if (o.older_than_s) {
    const int64_t cutoff = cache_now() - *o.older_than_s;
    r.entries_removed += delete_batches(db, fmt::format("{} AND used < {}", in_model, cutoff), [] { return true; });
  } else if (!o.model.empty()) {
    r.entries_removed += delete_batches(db, in_model, [] { return true; });
    SqliteTransaction t(db);
    db.exec(fmt::format("DELETE FROM spaces WHERE id IN ({})", fmt::join(ids, ",")).c_str());
    r.spaces_removed = db.changes();
    t.commit();
  }
  if (o.max_bytes) {
    // Pages freed by the deletions are counted out as they go; the file shrinks below.
    r.entries_removed += delete_batches(db, "1", [&] { return used_bytes(db) > *o.max_bytes; });
  }
  db.exec("PRAGMA incremental_vacuum");          // give the free pages back to the file system
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");    // and empty the log (if no reader holds it)
  r.file_bytes_after = size_on_disk(cache.path());
  return r;
}

int64_t parse_duration_s(const std::string& text, const std::string& option) {
  const char* expected = "a duration such as 90s, 45m, 12h, 30d or 2w";
  auto [v, unit] = number_and_unit(text, option, expected);
  if (unit == "s") return v;
  if (unit == "m") return checked_scale(v, 60, text, option);
  if (unit == "h") return checked_scale(v, 3600, text, option);
  if (unit == "d" || unit.empty()) return checked_scale(v, 86400, text, option);
  if (unit == "w") return checked_scale(v, 7 * 86400, text, option);
  fail("{} {}: expected {}", option, text, expected);
}

int64_t parse_byte_size(const std::string& text, const std::string& option) {
  const char* expected = "a size such as 1048576, 500K, 200M, 2G or 1T";
  auto [v, unit] = number_and_unit(text, option, expected);
  if (unit.ends_with("ib")) unit.resize(unit.size() - 2);
  else if (unit.ends_with('b')) unit.pop_back();
  const std::string units = "kmgt";
  if (unit.empty()) return v;
  const size_t p = unit.size() == 1 ? units.find(unit[0]) : std::string::npos;
  if (p == std::string::npos) fail("{} {}: expected {}", option, text, expected);
  return checked_scale(v, int64_t{1} << (10 * (p + 1)), text, option);
}

}  // namespace nsmlab
