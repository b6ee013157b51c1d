// nsmlab never destroys what it did not write: output folders, output files, leftovers of
// killed runs (simulated by leaving on disk exactly what a kill at each point leaves).
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/output_folder.h"
#include "util/staging_directory.h"
#include "util/temp_names.h"
#include "support/error_message.h"

namespace fs = std::filesystem;
using namespace nsmlab;

namespace {
std::string fresh_dir(const std::string& name) {
  auto d = fs::temp_directory_path() / ("nsmlab-safety-" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d.string();
}
// The id of a process that has exited: what a killed run leaves in its temporary names.
long dead_pid() {
  pid_t p = ::fork();
  if (p == 0) ::_exit(0);
  ::waitpid(p, nullptr, 0);
  return p;
}
std::string old_name(const std::string& target, long pid) { return target + ".tmp-" + std::to_string(pid) + "-1a2b3c.old"; }
std::string staging_name(const std::string& target, long pid) { return target + ".tmp-" + std::to_string(pid) + "-1a2b3c"; }
using test_support::error_of;
void make_output(const std::string& dir, const std::string& content) {
  fs::create_directories(dir);
  write_output_marker(dir);
  write_file_atomic(dir + "/results.json", content);
}
}  // namespace

TEST(TempNames, OnlyNsmlabsExactPatternIsRecognised) {
  auto t = parse_temp_name("out.tmp-1234-00ab12.old", "out");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->pid, 1234);
  EXPECT_TRUE(t->old);
  EXPECT_FALSE(parse_temp_name("out.tmp-1234-00ab12", "out")->old);
  for (const char* other : {"out.tmp-", "out.tmp-12", "out.tmp-x-ab", "out.tmp-12-XYZ", "out.tmp-12-ab.bak",
                            "out.tmp-12-ab-notes", "output.tmp-12-ab", "out.tmp-12-"})
    EXPECT_FALSE(parse_temp_name(other, "out")) << other;
  EXPECT_FALSE(process_gone(::getpid()));
  EXPECT_TRUE(process_gone(dead_pid()));
}

TEST(OutputFolder, OnlyAbsentEmptyOrMarkedFoldersAreReplaceable) {
  std::string d = fresh_dir("replaceable");
  EXPECT_NO_THROW(check_replaceable_output(d + "/absent"));
  fs::create_directories(d + "/empty");
  EXPECT_NO_THROW(check_replaceable_output(d + "/empty"));
  make_output(d + "/ours", "{}");
  EXPECT_NO_THROW(check_replaceable_output(d + "/ours"));
  fs::create_directories(d + "/thesis");
  write_file_atomic(d + "/thesis/chapter1.tex", "x");
  EXPECT_NE(error_of([&] { check_replaceable_output(d + "/thesis"); }).find("not an nsmlab output"), std::string::npos);
  EXPECT_NE(error_of([&] { check_replaceable_output(d + "/thesis/chapter1.tex"); }).find("existing file"), std::string::npos);
  fs::create_directory_symlink("ours", d + "/link");
  EXPECT_NE(error_of([&] { check_replaceable_output(d + "/link"); }).find("symbolic link"), std::string::npos);
  // A marker that is a link, or says something else, does not make a folder nsmlab's.
  fs::create_directories(d + "/fake");
  fs::create_symlink(d + "/ours/.nsmlab-output", d + "/fake/.nsmlab-output");
  EXPECT_FALSE(is_nsmlab_output(d + "/fake"));
  fs::create_directories(d + "/other");
  write_file_atomic(d + "/other/.nsmlab-output", "hello");
  EXPECT_FALSE(is_nsmlab_output(d + "/other"));
}

TEST(OutputFolder, StagingRefusesAUsersFolderAndLeavesItWhole) {
  std::string d = fresh_dir("refuse");
  fs::create_directories(d + "/thesis");
  write_file_atomic(d + "/thesis/chapter1.tex", "precious");
  EXPECT_THROW(StagingDirectory s(d + "/thesis"), Error);
  EXPECT_EQ(read_file(d + "/thesis/chapter1.tex"), "precious");
  EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator()), 1);  // no staging left either
}

TEST(OutputFolder, CommitReplacesAPreviousOutputByExchange) {
  std::string d = fresh_dir("exchange");
  std::string target = d + "/out";
  make_output(target, "old");
  {
    StagingDirectory s(target);
    write_file_atomic(s.file("results.json"), "new");
    EXPECT_EQ(s.commit(), target);
  }
  EXPECT_EQ(read_file(target + "/results.json"), "new");
  EXPECT_TRUE(is_nsmlab_output(target));
  EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator()), 1);  // the old copy is gone
}

TEST(OutputFolder, CommitWithoutExchangeAlsoReplaces) {
  std::string d = fresh_dir("two-renames");
  make_output(d + "/out", "old");
  make_output(d + "/staged", "new");
  move_output_into_place(d + "/staged", d + "/out", /*use_exchange=*/false);
  EXPECT_EQ(read_file(d + "/out/results.json"), "new");
  EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator()), 1);
}

// Kill between the two renames of the fallback: only the ".old" copy is left. It used to be
// deleted as "abandoned staging"; it must come back.
TEST(OutputFolder, ALoneOldCopyLeftByAKillIsRestored) {
  std::string d = fresh_dir("lone-old");
  std::string target = d + "/out";
  make_output(old_name(target, dead_pid()), "previous results");
  { StagingDirectory s(target); }  // the next run, failing before its commit
  EXPECT_EQ(read_file(target + "/results.json"), "previous results");
  EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator()), 1);
}

// Kill after the exchange, before the old copy is removed: the staging name holds the
// previous output, the target the new one. The next run keeps the new one.
TEST(OutputFolder, APreviousCopyLeftAfterTheExchangeIsRemoved) {
  std::string d = fresh_dir("after-exchange");
  std::string target = d + "/out";
  make_output(target, "new");
  make_output(staging_name(target, dead_pid()), "previous");
  make_output(old_name(target, dead_pid()), "older");
  { StagingDirectory s(target); }
  EXPECT_EQ(read_file(target + "/results.json"), "new");
  EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator()), 1);
}

// Leftovers that are not nsmlab's (no marker), or belong to a live process, stay.
TEST(OutputFolder, TidyingTouchesOnlyMarkedLeftoversOfDeadProcesses) {
  std::string d = fresh_dir("tidy");
  std::string target = d + "/out";
  std::string unmarked = staging_name(target, dead_pid());
  fs::create_directories(unmarked);
  write_file_atomic(unmarked + "/mine.txt", "user data");
  std::string live = staging_name(target, ::getpid());
  make_output(live, "in progress");
  std::string empty = target + ".tmp-" + std::to_string(dead_pid()) + "-ffffff";
  fs::create_directories(empty);
  { StagingDirectory s(target); }
  EXPECT_EQ(read_file(unmarked + "/mine.txt"), "user data");
  EXPECT_TRUE(is_nsmlab_output(live));
  EXPECT_FALSE(fs::exists(empty));
}

TEST(OutputFolder, NewFolderModeNeverReplacesAndNamesUniquely) {
  std::string d = fresh_dir("new-folder");
  std::string target = d + "/2026-01-01T000000Z-m";
  make_output(target, "first");
  std::string got;
  {
    StagingDirectory s(target, StagingDirectory::Mode::NewFolder);
    write_file_atomic(s.file("results.json"), "second");
    got = s.commit();
  }
  EXPECT_EQ(got, target + "-2");
  EXPECT_EQ(read_file(target + "/results.json"), "first");
  EXPECT_EQ(read_file(got + "/results.json"), "second");
}

TEST(AtomicFile, ASymlinkStaysALinkAndItsTargetIsReplaced) {
  std::string d = fresh_dir("symlink");
  write_file_atomic(d + "/real.json", "old");
  ::chmod((d + "/real.json").c_str(), 0600);
  fs::create_symlink("real.json", d + "/link.json");
  write_file_atomic(d + "/link.json", "new");
  EXPECT_TRUE(fs::is_symlink(d + "/link.json"));
  EXPECT_EQ(read_file(d + "/real.json"), "new");
  EXPECT_EQ(fs::status(d + "/real.json").permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  // A dangling link: its target is created, the link kept.
  fs::create_symlink("later.json", d + "/dangling.json");
  write_file_atomic(d + "/dangling.json", "made");
  EXPECT_TRUE(fs::is_symlink(d + "/dangling.json"));
  EXPECT_EQ(read_file(d + "/later.json"), "made");
}

TEST(AtomicFile, AFifoIsWrittenThroughNotReplaced) {
  std::string d = fresh_dir("fifo");
  std::string fifo = d + "/pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  pid_t reader = ::fork();
  if (reader == 0) {  // reads everything, exits 0 only if it got the content
    // Plain POSIX reads: nsmlab's read_file refuses FIFOs as input, by design.
    std::string got;
    const int fd = ::open(fifo.c_str(), O_RDONLY);
    char buf[256];
    for (ssize_t n; fd >= 0 && (n = ::read(fd, buf, sizeof buf)) > 0;) got.append(buf, size_t(n));
    ::_exit(got == "through the pipe" ? 0 : 1);
  }
  try {
    write_file_atomic(fifo, "through the pipe");
  } catch (...) {
    ::kill(reader, SIGKILL);
    ::waitpid(reader, nullptr, 0);
    throw;
  }
  struct stat st;
  bool still_fifo = ::lstat(fifo.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
  if (!still_fifo) ::kill(reader, SIGKILL);  // replaced: the reader would wait forever
  int status = 0;
  ::waitpid(reader, &status, 0);
  EXPECT_TRUE(still_fifo);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(AtomicFile, AFullDeviceIsAnErrorNotASuccess) {
  std::string msg = error_of([] { write_file_atomic("/dev/full", "data"); });
  EXPECT_NE(msg.find("/dev/full"), std::string::npos) << msg;
  struct stat st;
  ASSERT_EQ(::lstat("/dev/full", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(AtomicFile, TempFilesOfAKilledWriterAreRemovedOnlyIfTheyMatch) {
  std::string d = fresh_dir("temp-files");
  std::string target = d + "/emb.npy";
  std::string left = target + ".tmp-" + std::to_string(dead_pid()) + "-abcdef";
  std::string live = target + ".tmp-" + std::to_string(::getpid()) + "-abcdef";
  std::string users = target + ".tmp-notes";
  for (const auto& f : {left, live, users}) write_file_atomic(f, "x");
  write_file_atomic(target, "result");
  EXPECT_FALSE(fs::exists(left));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(users));
}

TEST(AtomicFile, StandardOutputIsWrittenNotReplaced) {
  // "-" must never create a file called "-".
  std::string d = fresh_dir("stdout");
  fs::path cwd = fs::current_path();
  fs::current_path(d);
  testing::internal::CaptureStdout();
  write_file_atomic("-", "to stdout\n");
  std::string printed = testing::internal::GetCapturedStdout();
  fs::current_path(cwd);
  EXPECT_EQ(printed, "to stdout\n");
  EXPECT_FALSE(fs::exists(d + "/-"));
}
