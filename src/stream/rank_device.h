// One GPU per rank: each rank of an MPI job on a node takes device (local rank mod device
// count), so N ranks on a node with N GPUs use one each, and more ranks than GPUs share them
// evenly. Under SLURM with one GPU bound per task (CUDA_VISIBLE_DEVICES holds one), the count
// is 1 and every rank takes its own visible device 0.
#pragma once
#include <functional>
#include <optional>

#include "backend/backend_options.h"

namespace nsmlab {

// The local rank the launcher gave this process: OMPI_COMM_WORLD_LOCAL_RANK (mpirun), else
// SLURM_LOCALID (srun); nullopt when neither is set to a number (then MPI_Comm_split_type
// decides, ranks.cpp).
std::optional<int> local_rank_from_environment(const std::function<const char*(const char*)>& get_env);

// local_rank mod device_count; -1 without devices.
int gpu_for_local_rank(int local_rank, int device_count);

// The request with its CUDA device chosen for this rank, when nsmlab may choose (auto, or cuda
// without :N) and there are devices; unchanged otherwise (the CPU, or an explicit cuda:N).
BackendOptions backend_for_local_rank(BackendOptions backend, int local_rank, int device_count);

}  // namespace nsmlab
