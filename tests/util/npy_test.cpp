#include "util/npy.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "util/atomic_file.h"
#include "util/output_folder.h"
#include "util/staging_directory.h"
#include "util/error.h"
#include "util/text_input.h"
#include "util/utf8.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {
std::string temp_dir() {
  auto d = fs::temp_directory_path() / ("nsmlab-util-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d.string();
}
}  // namespace

TEST(Npy, RoundTripAndAlignedHeader) {
  Matrix m(3, 5);
  for (size_t i = 0; i < m.data.size(); ++i) m.data[i] = 0.25f * i - 1;
  std::string bytes = npy_bytes(m);
  uint16_t hl = static_cast<uint8_t>(bytes[8]) | (static_cast<uint8_t>(bytes[9]) << 8);
  EXPECT_EQ((10 + hl) % 64, 0u);  // numpy requires the data to start 64-byte aligned
  std::string path = temp_dir() + "/m.npy";
  write_npy(path, m);
  Matrix back = read_npy_matrix(path);
  ASSERT_EQ(back.rows, 3u);
  ASSERT_EQ(back.cols, 5u);
  EXPECT_EQ(back.data, m.data);
}

TEST(Npy, TruncatedFileIsRefused) {
  std::string path = temp_dir() + "/bad.npy";
  Matrix m(4, 4);
  std::string bytes = npy_bytes(m);
  write_file_atomic(path, bytes.substr(0, bytes.size() - 3));
  EXPECT_THROW(read_npy(path), Error);
}

TEST(AtomicFile, UnwritableDirectoryNamesThePath) {
  try {
    write_file_atomic("/nonexistent-dir/x.json", "{}");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x.json"), std::string::npos);
  }
}

TEST(StagingDirectory, NothingAppearsWithoutCommit) {
  std::string target = temp_dir() + "/out-a";
  {
    StagingDirectory s(target);
    write_file_atomic(s.file("a.txt"), "x");
  }
  EXPECT_FALSE(fs::exists(target));
  for (auto& e : fs::directory_iterator(temp_dir())) EXPECT_EQ(e.path().filename().string().find("out-a.tmp"), std::string::npos);
  {
    StagingDirectory s(target);
    write_file_atomic(s.file("a.txt"), "y");
    s.commit();
  }
  EXPECT_EQ(read_file(target + "/a.txt"), "y");
}

TEST(StagingDirectory, AbandonedStagingOfADeadProcessIsRemoved) {
  std::string target = temp_dir() + "/out-b";
  // pid 999999999 cannot exist (pid_max is at most 2^22).
  std::string abandoned = target + ".tmp-999999999-abc";
  fs::create_directories(abandoned);
  write_output_marker(abandoned);  // nsmlab's own: only those are removed
  write_file_atomic(abandoned + "/half.json", "{");
  std::string mine = target + ".tmp-" + std::to_string(::getpid()) + "-live";
  fs::create_directories(mine);  // a live process's staging folder is left alone
  { StagingDirectory s(target); }
  EXPECT_FALSE(fs::exists(abandoned));
  EXPECT_TRUE(fs::exists(mine));
  fs::remove_all(mine);
}

TEST(AtomicFile, WritabilityIsCheckedUpFront) {
  EXPECT_THROW(check_writable_target("/nonexistent-dir/x.npy"), Error);
  EXPECT_THROW(check_writable_target(temp_dir()), Error);  // a directory, not a file
  EXPECT_NO_THROW(check_writable_target(temp_dir() + "/fine.npy"));
}

TEST(Utf8, ValidatesAndReportsOffset) {
  size_t off = 0;
  EXPECT_TRUE(is_valid_utf8("héllo 日本 😀", &off));
  EXPECT_FALSE(is_valid_utf8(std::string("ab\xC3", 3), &off));
  EXPECT_EQ(off, 2u);
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF", &off));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80", &off));      // surrogate
}

TEST(TextInput, LinesJsonlAndErrors) {
  std::string d = temp_dir();
  write_file_atomic(d + "/a.txt", "first\nsecond\n");
  EXPECT_EQ(read_texts(d + "/a.txt"), (std::vector<std::string>{"first", "second"}));
  write_file_atomic(d + "/b.jsonl", "{\"text\": \"un\"}\n{\"text\": \"deux\", \"id\": 2}\n");
  EXPECT_EQ(read_texts(d + "/b.jsonl"), (std::vector<std::string>{"un", "deux"}));
  write_file_atomic(d + "/c.txt", "ok\n\nafter\n");
  try {
    read_texts(d + "/c.txt");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("c.txt:2"), std::string::npos) << e.what();
  }
  write_file_atomic(d + "/d.txt", "ok\nbad \xFF byte\n");
  EXPECT_THROW(read_texts(d + "/d.txt"), Error);
  write_file_atomic(d + "/e.jsonl", "{\"txt\": \"no\"}\n");
  EXPECT_THROW(read_texts(d + "/e.jsonl"), Error);
  write_file_atomic(d + "/f.txt", std::string(100, 'a') + "\n");
  EXPECT_THROW(read_texts(d + "/f.txt", TextInputOptions{.max_line_bytes = 50}), Error);
}
