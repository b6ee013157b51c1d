// `cache stats` figures and what each `cache prune` rule removes.
#include "cache/cache_maintenance.h"

#include <gtest/gtest.h>

#include "test_files.h"
#include "util/error.h"

using namespace nsmlab;
using nsmlab::testing::TempFolder;

namespace {

// Two models (three spaces): n entries each of dim floats, used at `used`.
void fill(EmbeddingCache& c, int64_t space, int n, size_t dim, int64_t used, const std::string& prefix) {
  std::vector<TextKey> keys;
  for (int i = 0; i < n; ++i) keys.push_back(text_key(prefix + std::to_string(i)));
  std::vector<float> rows(n * dim, 0.5f);
  std::vector<uint8_t> found(n, 0);
  c.insert(space, dim, keys, rows.data(), found);
  c.db().exec(fmt::format("UPDATE entries SET used = {} WHERE space = {}", used, space).c_str());
}

struct Filled {
  TempFolder dir;
  std::string path = dir.file("c.sqlite");
  EmbeddingCache c{path};
  int64_t a1 = c.space("aaaaaaaa" + std::string(56, '0'), "{\"normalize\":true}", 4, "/models/a");
  int64_t a2 = c.space("aaaaaaaa" + std::string(56, '0'), "{\"normalize\":false}", 4, "/models/a");
  int64_t b = c.space("bbbbbbbb" + std::string(56, '0'), "{}", 8, "/models/b");
  Filled() {
    const int64_t now = cache_now();
    fill(c, a1, 10, 4, now, "a1-");
    fill(c, a2, 5, 4, now - 40 * 86400, "a2-");
    fill(c, b, 20, 8, now - 10 * 86400, "b-");
  }
  int64_t entries() { return c.db().scalar("SELECT count(*) FROM entries"); }
};

}  // namespace

TEST(CacheStats, CountsModelsEntriesBytesAndHits) {
  Filled f;
  std::vector<TextKey> keys{text_key("a1-0"), text_key("a1-1"), text_key("nope")};
  std::vector<float> out(12);
  std::vector<uint8_t> found;
  f.c.lookup(f.a1, 4, keys, out.data(), found);
  f.c.insert(f.a1, 4, keys, out.data(), found);
  const CacheStats s = cache_stats(f.c);
  EXPECT_EQ(s.path, f.path);
  EXPECT_EQ(s.models, 2);
  ASSERT_EQ(s.spaces.size(), 3u);
  EXPECT_EQ(s.entries, 11 + 5 + 20);
  EXPECT_EQ(s.bytes, 11 * (32 + 16) + 5 * (32 + 16) + 20 * (32 + 32));
  EXPECT_EQ(s.hits, 2);
  EXPECT_GT(s.file_bytes, s.bytes);
  EXPECT_EQ(s.spaces[0].label, "/models/a");
  EXPECT_EQ(s.spaces[2].dim, 8);
}

TEST(CachePrune, OlderThanRemovesEntriesNotUsedSince) {
  Filled f;
  PruneOptions o;
  o.older_than_s = 30 * 86400;
  EXPECT_EQ(prune_cache(f.c, o).entries_removed, 5);
  o.older_than_s = 7 * 86400;
  EXPECT_EQ(prune_cache(f.c, o).entries_removed, 20);
  EXPECT_EQ(f.entries(), 10);
}

TEST(CachePrune, ModelRemovesOneModelWholeOrItsOldEntries) {
  Filled f;
  PruneOptions o;
  o.model = "aaaaaaaa";
  o.older_than_s = 30 * 86400;
  EXPECT_EQ(prune_cache(f.c, o).entries_removed, 5);  // only a2's, not b's (older than 7 days too)
  o.older_than_s.reset();
  const PruneResult r = prune_cache(f.c, o);
  EXPECT_EQ(r.entries_removed, 10);
  EXPECT_EQ(r.spaces_removed, 2);
  o.model = "/models/b";  // a folder as recorded
  EXPECT_EQ(prune_cache(f.c, o).entries_removed, 20);
  EXPECT_EQ(f.entries(), 0);
}

TEST(CachePrune, UnknownModelIsAnErrorNamingTheFile) {
  Filled f;
  PruneOptions o;
  o.model = "cccccc";
  try {
    prune_cache(f.c, o);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(f.path), std::string::npos) << e.what();
  }
  EXPECT_EQ(f.entries(), 35);
  EXPECT_THROW(prune_cache(f.c, PruneOptions{}), Error);
}

TEST(CachePrune, MaxSizeRemovesTheLeastRecentlyUsedUntilTheFileFits) {
  TempFolder dir;
  EmbeddingCache c(dir.file("c.sqlite"));
  const int64_t s = c.space(std::string(64, 'f'), "{}", 256, "m");
  for (int day = 0; day < 4; ++day) {  // 4 x 500 vectors of 1 KiB, the oldest first
    std::vector<TextKey> keys;
    for (int i = 0; i < 500; ++i) keys.push_back(text_key(fmt::format("{}-{}", day, i)));
    std::vector<float> rows(500 * 256, 1.0f);
    std::vector<uint8_t> found(500, 0);
    c.insert(s, 256, keys, rows.data(), found);
    c.db().exec(fmt::format("UPDATE entries SET used = {} WHERE used > 100000", 1000 + day).c_str());
  }
  c.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const int64_t full = c.db().scalar("PRAGMA page_count") * c.db().scalar("PRAGMA page_size");
  PruneOptions o;
  o.max_bytes = full / 2;  // room for about two days of four
  const PruneResult r = prune_cache(c, o);
  EXPECT_GT(r.entries_removed, 0);
  EXPECT_LT(r.file_bytes_after, r.file_bytes_before);
  EXPECT_LE(r.file_bytes_after, *o.max_bytes);  // the file itself shrank (incremental vacuum)
  // The newest day's entries all stayed; the oldest went first.
  EXPECT_EQ(c.db().scalar("SELECT count(*) FROM entries WHERE used = 1003"), 500);
  EXPECT_EQ(c.db().scalar("SELECT count(*) FROM entries WHERE used = 1000"), 0);
}

TEST(CachePrune, ParsesDurationsAndSizes) {
  EXPECT_EQ(parse_duration_s("90s", "--older-than"), 90);
  EXPECT_EQ(parse_duration_s("45m", "--older-than"), 2700);
  EXPECT_EQ(parse_duration_s("12h", "--older-than"), 43200);
  EXPECT_EQ(parse_duration_s("30d", "--older-than"), 30 * 86400);
  EXPECT_EQ(parse_duration_s("30", "--older-than"), 30 * 86400);
  EXPECT_EQ(parse_duration_s("2W", "--older-than"), 14 * 86400);
  EXPECT_EQ(parse_byte_size("500K", "--max-size"), 500 << 10);
  EXPECT_EQ(parse_byte_size("2GiB", "--max-size"), int64_t{2} << 30);
  EXPECT_EQ(parse_byte_size("200mb", "--max-size"), int64_t{200} << 20);
  EXPECT_EQ(parse_byte_size("1234", "--max-size"), 1234);
  for (const char* bad : {"", "d", "3x", "-3d", "99999999999999999999d", "1.5d"})
    EXPECT_THROW(parse_duration_s(bad, "--older-than"), Error) << bad;
  for (const char* bad : {"", "G", "3Q", "9999999999999T"}) EXPECT_THROW(parse_byte_size(bad, "--max-size"), Error) << bad;
}
