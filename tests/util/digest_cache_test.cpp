#include "util/digest_cache.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
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
  // A hit is served from the cache: poison the entry (with a well-formed digest) to prove
  // the file is not re-read.
  const std::string poison(64, 'e');
  cache[cache.begin().key()] = poison;
  write_file_atomic((d / "cache" / "sha256.json").string(), cache.dump());
  EXPECT_EQ(sha256_file_hex_cached(f), poison);
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

namespace {

struct CacheDir {
  fs::path d = fs::temp_directory_path() / ("nsmlab-digest2-" + std::to_string(::getpid()));
  std::string cache_file = (d / "cache" / "sha256.json").string();
  CacheDir() {
    fs::create_directories(d / "cache");
    ::setenv("NSMLAB_CACHE", (d / "cache").c_str(), 1);
  }
  ~CacheDir() {
    ::unsetenv("NSMLAB_CACHE");
    std::error_code ec;
    fs::remove_all(d, ec);
  }
};

// Waits until the kernel's coarse clock has moved past t, so the next change gets a later
// ctime (the clock ticks every few milliseconds); a wait, not a timed assertion.
void wait_past(const struct timespec& t) {
  for (;;) {
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
    if (now.tv_sec > t.tv_sec || (now.tv_sec == t.tv_sec && now.tv_nsec > t.tv_nsec)) return;
    ::usleep(1000);
  }
}

}  // namespace

TEST(DigestCache, InPlaceEditWithRestoredMtimeIsHashedAgain) {
  // `touch -r` after an in-place edit keeps path, size, inode and mtime: only ctime tells.
  CacheDir c;
  const std::string f = (c.d / "model.safetensors").string();
  write_file_atomic(f, "weights version A");
  EXPECT_EQ(sha256_file_hex_cached(f), sha256_hex("weights version A"));
  struct stat before {};
  ASSERT_EQ(::stat(f.c_str(), &before), 0);
  wait_past(before.st_ctim);
  int fd = ::open(f.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::pwrite(fd, "B", 1, 16), 1);  // same size, same inode
  ::close(fd);
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, f.c_str(), times, 0), 0);
  struct stat after {};
  ASSERT_EQ(::stat(f.c_str(), &after), 0);
  ASSERT_EQ(after.st_ino, before.st_ino);
  ASSERT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
  EXPECT_EQ(sha256_file_hex_cached(f), sha256_hex("weights version B"));
}

TEST(DigestCache, MalformedCachedDigestIsRecomputed) {
  CacheDir c;
  const std::string f = (c.d / "w.bin").string();
  write_file_atomic(f, "content");
  const std::string right = sha256_hex("content");
  EXPECT_EQ(sha256_file_hex_cached(f), right);
  Json cache = load_json(c.cache_file);
  ASSERT_EQ(cache.size(), 1u);
  const std::string key = cache.begin().key();
  for (const Json& bad : {Json("not-a-hash"), Json(std::string(64, 'E')), Json(std::string(63, 'a')), Json(42),
                          Json::array({right}), Json(nullptr)}) {
    cache[key] = bad;
    write_file_atomic(c.cache_file, cache.dump());
    EXPECT_EQ(sha256_file_hex_cached(f), right) << bad.dump();
    EXPECT_EQ(load_json(c.cache_file)[key], right);  // and the cache is repaired
  }
}

TEST(DigestCache, DamagedDeepOrWrongTypedCacheIsIgnoredAndRewritten) {
  CacheDir c;
  const std::string f = (c.d / "w.bin").string();
  write_file_atomic(f, "content");
  const std::string right = sha256_hex("content");
  for (const std::string& bad : {std::string(100000, '[') + std::string(100000, ']'), std::string("[\"x\"]"),
                                 std::string("\"text\""), std::string("{\"a\": 1e999}"), std::string("\xff\xfe")}) {
    write_file_atomic(c.cache_file, bad);
    EXPECT_EQ(sha256_file_hex_cached(f), right);
    EXPECT_EQ(load_json(c.cache_file).size(), 1u);
  }
}
