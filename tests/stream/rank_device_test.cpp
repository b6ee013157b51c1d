// The GPU each MPI rank takes (no GPU is needed: the choice is a pure function of the local
// rank, the device count and the request).
#include "stream/rank_device.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace nsmlab {
namespace {

BackendOptions asking(const char* device) {
  BackendOptions o;
  o.device = parse_device_request(device, "--backend");
  return o;
}

auto env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    const auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

TEST(RankDevice, LocalRankFromTheLauncher) {
  EXPECT_EQ(local_rank_from_environment(env({{"OMPI_COMM_WORLD_LOCAL_RANK", "3"}})), 3);
  EXPECT_EQ(local_rank_from_environment(env({{"SLURM_LOCALID", "2"}})), 2);
  // mpirun's own variable wins over a SLURM allocation's.
  EXPECT_EQ(local_rank_from_environment(env({{"OMPI_COMM_WORLD_LOCAL_RANK", "1"}, {"SLURM_LOCALID", "5"}})), 1);
  EXPECT_EQ(local_rank_from_environment(env({})), std::nullopt);
  for (const char* bad : {"", "-1", "x", "2x", "99999999999"})
    EXPECT_EQ(local_rank_from_environment(env({{"SLURM_LOCALID", bad}})), std::nullopt) << bad;
  EXPECT_EQ(local_rank_from_environment(env({{"OMPI_COMM_WORLD_LOCAL_RANK", "x"}, {"SLURM_LOCALID", "4"}})), 4);
}

TEST(RankDevice, LocalRankModuloDevices) {
  EXPECT_EQ(gpu_for_local_rank(0, 4), 0);
  EXPECT_EQ(gpu_for_local_rank(3, 4), 3);
  EXPECT_EQ(gpu_for_local_rank(5, 4), 1);   // more ranks than GPUs: shared evenly
  EXPECT_EQ(gpu_for_local_rank(7, 1), 0);   // one visible GPU per task (SLURM binding)
  EXPECT_EQ(gpu_for_local_rank(2, 0), -1);  // no GPU
}

TEST(RankDevice, OnlyWhereNsmlabMayChoose) {
  BackendOptions automatic;  // --backend auto
  EXPECT_EQ(backend_for_local_rank(automatic, 5, 4).device.index, 1);
  EXPECT_TRUE(backend_for_local_rank(automatic, 5, 4).device.automatic);
  EXPECT_EQ(backend_for_local_rank(automatic, 5, 0).device.index, -1);  // no GPU: the CPU, as before
  const BackendOptions cuda = asking("cuda");
  EXPECT_EQ(backend_for_local_rank(cuda, 2, 2).device.index, 0);
  const BackendOptions cuda1 = asking("cuda:1");
  EXPECT_EQ(backend_for_local_rank(cuda1, 0, 2).device.index, 1);  // the user's explicit choice stays
  const BackendOptions cpu = asking("cpu");
  EXPECT_EQ(backend_for_local_rank(cpu, 1, 2).device.index, -1);
  EXPECT_EQ(backend_for_local_rank(cpu, 1, 2).device.kind, DeviceKind::Cpu);
}

}  // namespace
}  // namespace nsmlab
