// Files that are not regular files: a FIFO used to block open() forever, a symlink loop
// to surface as "internal error: filesystem error".
#include "util/regular_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/mapped_file.h"
#include "support/error_message.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {

struct Dir {
  fs::path path = fs::temp_directory_path() / ("nsmlab-regular-" + std::to_string(::getpid()));
  Dir() { fs::create_directories(path); }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

using test_support::error_of;

}  // namespace

TEST(RegularFile, FifoIsRefusedWithoutBlocking) {
  Dir d;
  const std::string fifo = d / "model.safetensors";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const auto& open : std::vector<std::function<void()>>{[&] { MappedFile m(fifo); }, [&] { read_file(fifo); },
                                                              [&] { load_json(fifo); }}) {
    const std::string msg = error_of(open);
    EXPECT_NE(msg.find(fifo), std::string::npos) << msg;
    EXPECT_NE(msg.find("FIFO"), std::string::npos) << msg;
  }
}

TEST(RegularFile, DirectoriesAndDevicesAreRefused) {
  Dir d;
  EXPECT_NE(error_of([&] { MappedFile m(d.path.string()); }).find("found a directory"), std::string::npos);
  EXPECT_NE(error_of([&] { read_regular_file("/dev/null"); }).find("character device"), std::string::npos);
}

TEST(RegularFile, SymlinkLoopIsAnErrorNamingThePath) {
  Dir d;
  fs::create_symlink(d / "b", d / "a");
  fs::create_symlink(d / "a", d / "b");
  const std::string a = d / "a";
  for (const auto& use : std::vector<std::function<void()>>{[&] { file_exists(a); }, [&] { MappedFile m(a); },
                                                             [&] { load_json(a); }}) {
    const std::string msg = error_of(use);
    EXPECT_NE(msg.find(a), std::string::npos) << msg;
    EXPECT_NE(msg.find("symbolic links"), std::string::npos) << msg;
  }
  EXPECT_FALSE(file_exists(d / "missing"));
  EXPECT_FALSE(file_exists(d / "missing/below"));
}

TEST(RegularFile, ReadsRegularFilesAndSymlinksToThem) {
  Dir d;
  write_file_atomic(d / "f.txt", "hello");
  fs::create_symlink(d / "f.txt", d / "link");
  EXPECT_EQ(read_regular_file(d / "link"), "hello");
  EXPECT_EQ(read_file(d / "f.txt"), "hello");
  EXPECT_TRUE(file_exists(d / "link"));
  EXPECT_NE(error_of([&] { read_file(d / "absent"); }).find("file not found"), std::string::npos);
}
