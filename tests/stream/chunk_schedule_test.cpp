// The chunk hand-out's local logic (the messages between ranks: tests/cli/embed_mpi.sh).
#include "stream/chunk_schedule.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "util/error.h"

namespace nsmlab {
namespace {

TEST(ChunkSchedule, DealtChunksFollowTheHandOut) {
  // Rank 0 handed this process chunks 1, 4, 5 and then one past the end.
  std::vector<size_t> handed = {1, 4, 5, 9};
  size_t asked = 0;
  DealtChunks dealt([&] { return handed.at(asked++); });
  std::vector<size_t> mine;
  for (size_t k = 0; k < 8; ++k)
    if (dealt.mine(k)) mine.push_back(k);
  EXPECT_EQ(mine, (std::vector<size_t>{1, 4, 5}));
  EXPECT_EQ(asked, 4u);  // asked again only once the held chunk was reached
}

TEST(ChunkSchedule, DealtChunksSkipChunksDoneEarlier) {
  // Chunk 2 was committed by an earlier run: the reader never asks about it; rank 0 never hands it.
  std::vector<size_t> handed = {0, 3};
  size_t asked = 0;
  DealtChunks dealt([&] { return handed.at(asked++); });
  EXPECT_TRUE(dealt.mine(0));
  EXPECT_FALSE(dealt.mine(1));
  EXPECT_TRUE(dealt.mine(3));
}

TEST(ChunkSchedule, OneProcessCoordinatorTakesEverything) {
  Ranks one;
  ChunkCoordinator dynamic(one, ChunkSchedule::dynamic, {1, 2}, 10);
  dynamic.wait_for_ranks();  // no other rank: settled at once
  EXPECT_TRUE(dynamic.mine(0));
  EXPECT_TRUE(dynamic.mine(3));  // 1 and 2 were done: never handed out
  EXPECT_EQ(dynamic.owner(3), 0);
  EXPECT_EQ(dynamic.owner(1), -1);
  EXPECT_TRUE(dynamic.lost().empty());
  ChunkCoordinator dealt(one, ChunkSchedule::static_deal, {}, 10);
  EXPECT_TRUE(dealt.mine(5));
  EXPECT_EQ(dealt.owner(5), 0);
  EXPECT_THROW(ChunkCoordinator(one, ChunkSchedule::dynamic, {}, 0), Error);
  EXPECT_THROW(parse_chunk_schedule("round-robin"), Error);
}

TEST(ChunkSchedule, LocalProcessEnded) {
  EXPECT_FALSE(local_process_ended(::getpid()));
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  siginfo_t info{};
  ASSERT_EQ(::waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOWAIT), 0);  // exited, not reaped
  EXPECT_TRUE(local_process_ended(child));  // a zombie: ended already
  ::waitpid(child, nullptr, 0);
  EXPECT_TRUE(local_process_ended(child));
}

}  // namespace
}  // namespace nsmlab
