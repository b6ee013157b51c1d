#include "report/write_outputs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "report_test_support.h"
#include "util/atomic_file.h"

namespace nsmlab {
namespace {

namespace fs = std::filesystem;

class WriteOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nsmlab-report-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::set<std::string> listing() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.insert(e.path().filename().string());
    return names;
  }
  fs::path dir_;
};

TEST_F(WriteOutputs, WritesEveryFileAndNoTemporaries) {
  write_report_files(testing::sample_results(), (dir_ / "out").string());
  dir_ /= "out";  // created by write_report_files
  const std::set<std::string> expected = {"tsne.png",      "tsne.svg",      "squares.png", "squares.svg",
                                          "isotopies.png", "isotopies.svg", "report.html", "report.md"};
  EXPECT_EQ(listing(), expected);
  EXPECT_TRUE(testing::decode_png(read_file((dir_ / "tsne.png").string())).ok);
  const std::string html = read_file((dir_ / "report.html").string());
  EXPECT_EQ(html.find("data:image/png;base64,") != std::string::npos, true);
  size_t images = 0;
  for (size_t at = html.find("<img"); at != std::string::npos; at = html.find("<img", at + 1)) ++images;
  EXPECT_EQ(images, 3u);
  dir_ = dir_.parent_path();
}

TEST_F(WriteOutputs, MissingSectionSkipsItsFigure) {
  Json r = testing::sample_results();
  r.erase("h3");
  write_report_files(r, dir_.string());
  const auto names = listing();
  EXPECT_EQ(names.count("isotopies.png"), 0u);
  EXPECT_EQ(names.count("isotopies.svg"), 0u);
  EXPECT_EQ(names.count("tsne.png"), 1u);
  EXPECT_EQ(names.size(), 6u);
}

}  // namespace
}  // namespace nsmlab
