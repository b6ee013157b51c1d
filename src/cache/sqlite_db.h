// A thin RAII layer over SQLite's C API (libsqlite3): one connection, prepared statements,
// and errors that name the database file. No SQL of the cache lives here.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace nsmlab {

class SqliteDb {
 public:
  // Opens (and creates when `create`) the file read-write; waits up to busy_ms for another
  // process's lock instead of failing at once.
  SqliteDb(const std::string& path, bool create, int busy_ms);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  void exec(const char* sql);  // statements without results
  int64_t scalar(const char* sql);  // the first column of the first row (0 when none)
  // The first column of the first row as text, retried while another connection holds the lock,
  // up to busy_ms: SQLite takes the exclusive lock a change of journal mode needs without
  // calling the busy handler, so without this such a statement fails at once.
  std::string text_retrying_busy(const char* sql);
  int64_t changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }
  // Throws nsmlab::Error naming the file, what was done and SQLite's own words.
  [[noreturn]] void fail_with(int code, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  int busy_ms_;
};

class SqliteStatement {
 public:
  SqliteStatement(SqliteDb& db, const char* sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  SqliteStatement& bind(int i, int64_t v);
  SqliteStatement& bind(int i, std::string_view text);  // as TEXT
  SqliteStatement& bind_blob(int i, const void* data, size_t bytes);
  bool step();   // true: a row is ready; false: done
  void reset();  // ready to bind and step again
  int64_t column_int(int i) const;
  std::string column_text(int i) const;
  std::string_view column_blob(int i) const;  // valid until the next step or reset

 private:
  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolled back when left by an exception. IMMEDIATE takes the
// write lock at the start, so two writers queue on the busy timeout instead of deadlocking.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb& db);
  ~SqliteTransaction();
  void commit();

 private:
  SqliteDb& db_;
  bool open_ = true;
};

}  // namespace nsmlab
