#include "util/digest_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "util/atomic_file.h"
#include "util/json_file.h"
#include "util/sha256.h"

namespace fs = std::filesystem;
using namespace nsmlab;

TEST(DigestCache, RemembersAndNoticesChanges) {
  fs::path d = fs::temp_directory_path() / ("nsmlab-digest-" + std::to_string(::getpid()));
  fs::create_directories(d);
  ::setenv("NSMLAB_CACHE", (d / "cache").c_str(), 1);
  const std::string f = (d / "weights.bin").string();
  write_file_atomic(f, "first content");
  EXPECT_EQ(sha256_file_hex_cached(f), sha256_hex("first content"));
  Json cache = load_json((d / "cache" / "sha256.json").string());
  ASSERT_EQ(cache.size(), 1u);
  // A hit is served from the cache: poison the entry to prove the file is not re-read.
  cache[cache.begin().key()] = "from-cache";
  write_file_atomic((d / "cache" / "sha256.json").string(), cache.dump());
  EXPECT_EQ(sha256_file_hex_cached(f), "from-cache");
  // A changed file (new inode, size, date) is hashed again and replaces its old entry.
  write_file_atomic(f, "second, longer content");
  EXPECT_EQ(sha256_file_hex_cached(f), sha256_hex("second, longer content"));
  EXPECT_EQ(load_json((d / "cache" / "sha256.json").string()).size(), 1u);
  // A damaged cache is not fatal.
  write_file_atomic((d / "cache" / "sha256.json").string(), "{not json");
  EXPECT_EQ(sha256_file_hex_cached(f), sha256_hex("second, longer content"));
  ::unsetenv("NSMLAB_CACHE");
  fs::remove_all(d);
}
