#include "runner/output_location.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {
std::string fresh_dir(const std::string& name) {
  auto d = fs::temp_directory_path() / ("nsmlab-runner-" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d.string();
}
}  // namespace

TEST(OutputLocation, RunFolderNameIsSortableAndSafe) {
  EXPECT_EQ(run_folder_name("sentence-transformers/all-MiniLM-L6-v2", 0), "1970-01-01T000000Z-all-MiniLM-L6-v2");
  EXPECT_EQ(run_folder_name("lexical-baseline", 86399), "1970-01-01T235959Z-lexical-baseline");
  EXPECT_EQ(run_folder_name("../we ird:name", 0), "1970-01-01T000000Z-we_ird_name");
  EXPECT_EQ(run_folder_name(".hidden", 0), "1970-01-01T000000Z-_hidden");
  EXPECT_EQ(run_folder_name("", 0), "1970-01-01T000000Z-model");
  EXPECT_EQ(run_folder_name(std::string(200, 'a'), 0).size(), 19u + 48u);
}

TEST(OutputLocation, LatestIsARelativeLinkReplacedInPlace) {
  std::string root = fresh_dir("latest");
  fs::create_directories(root + "/run1");
  fs::create_directories(root + "/run2");
  point_latest_link(root, "run1");
  point_latest_link(root, "run2");
  EXPECT_TRUE(fs::is_symlink(root + "/latest"));
  EXPECT_EQ(fs::read_symlink(root + "/latest").string(), "run2");
  EXPECT_EQ(std::distance(fs::directory_iterator(root), fs::directory_iterator()), 3);  // no temporary link left
}

TEST(OutputLocation, ALatestThatIsNotALinkIsLeftAlone) {
  std::string root = fresh_dir("latest-file");
  write_file_atomic(root + "/latest", "user's notes");
  point_latest_link(root, "run1");
  EXPECT_EQ(read_file(root + "/latest"), "user's notes");
}

TEST(OutputLocation, InputsInsideTheOutputAreRefused) {
  std::string d = fresh_dir("inputs");
  write_file_atomic(d + "/data.json", "{}");
  EXPECT_THROW(refuse_input_inside_output(d, d + "/data.json", "dataset"), Error);
  EXPECT_THROW(refuse_input_inside_output(d + "/data.json", d + "/data.json", "dataset"), Error);
  EXPECT_THROW(refuse_input_inside_output(d + "/out", d + "/out/../out/x", "dataset"), Error);
  EXPECT_NO_THROW(refuse_input_inside_output(d + "/out", d + "/data.json", "dataset"));
  EXPECT_NO_THROW(refuse_input_inside_output(d + "/out", d + "/outside.json", "dataset"));  // a prefix, not a parent
  EXPECT_NO_THROW(refuse_input_inside_output(d + "/out", "", "dataset"));
}
