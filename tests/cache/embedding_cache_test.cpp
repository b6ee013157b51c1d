// The cache file itself: round trips, what it refuses, memoised file digests, concurrent writers.
#include "cache/embedding_cache.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <thread>

#include "test_files.h"
#include "util/error.h"
#include "util/sha256.h"
#include "support/error_message.h"

using namespace nsmlab;
using nsmlab::testing::TempFolder;

namespace {

std::vector<TextKey> keys_of(std::initializer_list<const char*> texts) {
  std::vector<TextKey> k;
  for (const char* t : texts) k.push_back(text_key(t));
  return k;
}

using test_support::error_of;

}  // namespace

TEST(TextKey, IsTheSha256OfTheExactBytes) {
  const TextKey k = text_key("abc");
  std::string hex;
  for (unsigned char c : k) hex += fmt::format("{:02x}", c);
  EXPECT_EQ(hex, sha256_hex("abc"));
  EXPECT_NE(text_key("abc"), text_key("abc "));
}

TEST(EmbeddingCache, StoresAndFindsVectorsPerSpace) {
  TempFolder dir;
  const std::string path = dir.file("sub/folder/cache.sqlite");  // folders are created
  const auto keys = keys_of({"a", "b", "c"});
  const float rows[] = {1, 2, 3, 4, 5, 6};
  {
    EmbeddingCache c(path);
    const int64_t s = c.space(std::string(64, 'a'), "{\"x\":1}", 2, "/models/m");
    EXPECT_EQ(c.space(std::string(64, 'a'), "{\"x\":1}", 2, "/models/m"), s);
    EXPECT_NE(c.space(std::string(64, 'a'), "{\"x\":2}", 2, "/models/m"), s);
    std::vector<float> out(6, 0);
    std::vector<uint8_t> found;
    EXPECT_EQ(c.lookup(s, 2, {keys[0], keys[2]}, out.data(), found), 0u);
    c.insert(s, 2, {keys[0], keys[2]}, rows, found);
  }
  EmbeddingCache c(path);  // reopened: the vectors are on the disk
  const int64_t s = c.space(std::string(64, 'a'), "{\"x\":1}", 2, "/models/m");
  std::vector<float> out(6, -1);
  std::vector<uint8_t> found;
  EXPECT_EQ(c.lookup(s, 2, keys, out.data(), found), 2u);
  EXPECT_EQ(found, (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], 2);
  EXPECT_EQ(out[4], 3);  // "c" stored from the second row
  EXPECT_EQ(out[5], 4);
  // Another space of the same model sees nothing.
  const int64_t other = c.space(std::string(64, 'a'), "{\"x\":2}", 2, "/models/m");
  EXPECT_EQ(c.lookup(other, 2, keys, out.data(), found), 0u);
  // The same settings cannot change width.
  EXPECT_NE(error_of([&] { c.space(std::string(64, 'a'), "{\"x\":1}", 3, "/models/m"); }).find("cache.sqlite"), std::string::npos);
}

TEST(EmbeddingCache, RefreshesTheUseDateOfStaleHitsOnly) {
  TempFolder dir;
  EmbeddingCache c(dir.file("c.sqlite"));
  const int64_t s = c.space(std::string(64, 'b'), "{}", 1, "m");
  const auto keys = keys_of({"old", "new"});
  const float rows[] = {1, 2};
  std::vector<uint8_t> found(2, 0);
  c.insert(s, 1, keys, rows, found);
  c.db().exec("UPDATE entries SET used = 1000");
  c.db().exec(fmt::format("UPDATE entries SET used = {} WHERE rowid = 2", cache_now()).c_str());
  float out[2];
  c.lookup(s, 1, keys, out, found);
  EXPECT_EQ(found, (std::vector<uint8_t>{2, 1}));
  c.insert(s, 1, keys, out, found);
  EXPECT_EQ(c.db().scalar("SELECT count(*) FROM entries WHERE used = 1000"), 0);
  EXPECT_EQ(c.db().scalar("SELECT hits FROM spaces"), 2);
}

TEST(EmbeddingCache, RefusesAFileThatIsNotSQLiteAndLeavesItAlone) {
  TempFolder dir;
  const std::string path = dir.file("notes.txt");
  const std::string text(5000, 'x');
  nsmlab::testing::write_bytes(path, text);
  const std::string msg = error_of([&] { EmbeddingCache c(path); });
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_NE(msg.find("not a usable nsmlab embedding cache"), std::string::npos) << msg;
  EXPECT_EQ(nsmlab::testing::read_bytes(path), text);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(EmbeddingCache, RefusesAnotherProgramsDatabaseAndLeavesItAlone) {
  TempFolder dir;
  const std::string path = dir.file("other.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (42)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string before = nsmlab::testing::read_bytes(path);
  const std::string msg = error_of([&] { EmbeddingCache c(path); });
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_NE(msg.find("not an nsmlab embedding cache"), std::string::npos) << msg;
  EXPECT_EQ(nsmlab::testing::read_bytes(path), before);  // not even switched to WAL
}

TEST(EmbeddingCache, RefusesAnotherFormat) {
  TempFolder dir;
  const std::string path = dir.file("c.sqlite");
  { EmbeddingCache c(path); c.db().exec("PRAGMA user_version = 99"); }
  const std::string msg = error_of([&] { EmbeddingCache c(path); });
  EXPECT_NE(msg.find("format 99"), std::string::npos) << msg;
}

TEST(EmbeddingCache, RefusesADamagedVector) {
  TempFolder dir;
  EmbeddingCache c(dir.file("c.sqlite"));
  const int64_t s = c.space(std::string(64, 'c'), "{}", 2, "m");
  const auto keys = keys_of({"a"});
  const float rows[] = {1, 2};
  std::vector<uint8_t> found(1, 0);
  c.insert(s, 2, keys, rows, found);
  c.db().exec("UPDATE entries SET vector = x'0102'");
  float out[2];
  const std::string msg = error_of([&] { c.lookup(s, 2, keys, out, found); });
  EXPECT_NE(msg.find("damaged"), std::string::npos) << msg;
  EXPECT_NE(msg.find("c.sqlite"), std::string::npos) << msg;
}

TEST(EmbeddingCache, MemoisesFileDigestsUntilTheFileChanges) {
  TempFolder dir;
  EmbeddingCache c(dir.file("c.sqlite"));
  const std::string f = dir.file("weights.bin");
  nsmlab::testing::write_bytes(f, "first");
  EXPECT_EQ(c.file_sha256(f), sha256_hex("first"));
  EXPECT_EQ(c.db().scalar("SELECT count(*) FROM file_digests"), 1);
  // A memoised digest is what comes back while the file's stamp is unchanged...
  c.db().exec(fmt::format("UPDATE file_digests SET sha256 = '{}'", std::string(64, 'e')).c_str());
  EXPECT_EQ(c.file_sha256(f), std::string(64, 'e'));
  // ...and the file is hashed again once it changed (same size: the change time tells).
  ::usleep(20000);
  nsmlab::testing::write_bytes(f, "again");
  EXPECT_EQ(c.file_sha256(f), sha256_hex("again"));
  EXPECT_EQ(c.db().scalar("SELECT count(*) FROM file_digests"), 1);
}

TEST(EmbeddingCache, TwoWritersAtOnceLoseNothing) {
  TempFolder dir;
  const std::string path = dir.file("c.sqlite");
  { EmbeddingCache c(path); }
  auto fill = [&](int who) {
    EmbeddingCache c(path);  // a connection each, as two processes would have
    const int64_t s = c.space(std::string(64, 'd'), "{}", 1, "m");
    for (int round = 0; round < 20; ++round) {
      std::vector<TextKey> keys;
      std::vector<float> rows;
      for (int i = 0; i < 50; ++i) {  // half the keys shared with the other writer
        const int id = round * 50 + i;
        keys.push_back(text_key(fmt::format("{}-{}", i % 2 ? who : 0, id)));
        rows.push_back(static_cast<float>(id));
      }
      std::vector<float> out(keys.size());
      std::vector<uint8_t> found;
      c.lookup(s, 1, keys, out.data(), found);
      c.insert(s, 1, keys, rows.data(), found);
    }
  };
  std::thread a(fill, 1), b(fill, 2);
  a.join();
  b.join();
  EmbeddingCache c(path);
  EXPECT_EQ(c.db().scalar("SELECT count(*) FROM entries"), 20 * 25 * 3);
  SqliteStatement check(c.db(), "PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.column_text(0), "ok");
}

TEST(EmbeddingCache, TwoOpenersOfANewFileBothGetTheCache) {
  // The one who comes second may read the header while the first commits the schema: it must see
  // the file before or after that commit, never half of each (which looked like a foreign database).
  TempFolder dir;
  for (int round = 0; round < 200; ++round) {
    const std::string path = dir.file(fmt::format("c{}.sqlite", round));
    std::string errors[2];
    auto open = [&](int who) {
      try {
        EmbeddingCache c(path);
      } catch (const std::exception& e) {
        errors[who] = e.what();
      }
    };
    std::thread a(open, 0), b(open, 1);
    a.join();
    b.join();
    ASSERT_EQ(errors[0] + errors[1], "") << "round " << round;
  }
}
