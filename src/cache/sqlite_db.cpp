#include "cache/sqlite_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <thread>

#include "util/error.h"

namespace nsmlab {

SqliteDb::SqliteDb(const std::string& path, bool create, int busy_ms) : path_(path), busy_ms_(busy_ms) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    fail("{}: cannot open the embedding cache: {}", path, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_ms);
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

void SqliteDb::fail_with(int code, std::string_view what) const {
  const int primary = code & 0xff;
  std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    fail("{}: not a usable nsmlab embedding cache ({}: {}); nsmlab leaves it alone: move it away or give --cache "
         "another file",
         path_, what, why);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    fail("{}: the embedding cache stayed locked by another process ({}: {})", path_, what, why);
  fail("{}: embedding cache: {}: {}", path_, what, why);
}

void SqliteDb::exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    fail_with(rc, sql);
  }
}

int64_t SqliteDb::scalar(const char* sql) {
  SqliteStatement s(*this, sql);
  return s.step() ? s.column_int(0) : 0;
}

std::string SqliteDb::text_retrying_busy(const char* sql) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(busy_ms_);
  for (int attempt = 1;; ++attempt) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
    std::string text;
    if (rc == SQLITE_OK) {
      rc = sqlite3_step(stmt);
      if (rc == SQLITE_ROW) {
        if (const unsigned char* t = sqlite3_column_text(stmt, 0)) text = reinterpret_cast<const char*>(t);
        rc = SQLITE_DONE;
      }
    }
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE) return text;
    const int primary = rc & 0xff;
    if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || Clock::now() >= deadline) fail_with(rc, sql);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 20)));
  }
}

int64_t SqliteDb::changes() const { return sqlite3_changes64(db_); }

SqliteStatement::SqliteStatement(SqliteDb& db, const char* sql) : db_(db) {
  const int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) db_.fail_with(rc, sql);
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement& SqliteStatement::bind(int i, int64_t v) {
  if (const int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) db_.fail_with(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::bind(int i, std::string_view text) {
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) fail("{}: a text too long to store", db_.path());
  const int rc = sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_.fail_with(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::bind_blob(int i, const void* data, size_t bytes) {
  if (bytes > static_cast<size_t>(std::numeric_limits<int>::max())) fail("{}: a value too large to store", db_.path());
  const int rc = sqlite3_bind_blob(stmt_, i, data, static_cast<int>(bytes), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_.fail_with(rc, "bind");
  return *this;
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail_with(rc, sqlite3_sql(stmt_));
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t SqliteStatement::column_int(int i) const { return sqlite3_column_int64(stmt_, i); }

std::string SqliteStatement::column_text(int i) const {
  const unsigned char* t = sqlite3_column_text(stmt_, i);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, i))) : "";
}

std::string_view SqliteStatement::column_blob(int i) const {
  const void* p = sqlite3_column_blob(stmt_, i);
  const int n = sqlite3_column_bytes(stmt_, i);
  return p ? std::string_view(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string_view();
}

SqliteTransaction::SqliteTransaction(SqliteDb& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

SqliteTransaction::~SqliteTransaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace nsmlab
