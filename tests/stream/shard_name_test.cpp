#include <gtest/gtest.h>

#include "stream/shard_folder_sink.h"
#include "util/error.h"

using namespace nsmlab;

TEST(ShardFolder, ShardNamesSortInChunkOrder) {
  EXPECT_EQ(ShardFolderSink::shard_name(0), "shard-000000.npy");
  EXPECT_EQ(ShardFolderSink::shard_name(12345), "shard-012345.npy");
  EXPECT_THROW(ShardFolderSink::shard_name(1000000), Error);
}
