#include "stream/rank_device.h"

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace nsmlab {

namespace {
std::optional<int> small_number(const char* text) {
  if (!text || !*text) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(text, &end, 10);
  if (errno != 0 || *end != '\0' || v < 0 || v > INT_MAX) return std::nullopt;
  return static_cast<int>(v);
}
}  // namespace

std::optional<int> local_rank_from_environment(const std::function<const char*(const char*)>& get_env) {
  for (const char* name : {"OMPI_COMM_WORLD_LOCAL_RANK", "SLURM_LOCALID"})
    if (const auto v = small_number(get_env(name))) return v;
  return std::nullopt;
}

int gpu_for_local_rank(int local_rank, int device_count) {
  if (device_count <= 0 || local_rank < 0) return -1;
  return local_rank % device_count;
}

BackendOptions backend_for_local_rank(BackendOptions backend, int local_rank, int device_count) {
  const bool may_choose = backend.device.automatic || backend.device.kind == DeviceKind::Cuda;
  const int gpu = gpu_for_local_rank(local_rank, device_count);
  if (may_choose && backend.device.index < 0 && gpu >= 0) backend.device.index = gpu;
  return backend;
}

}  // namespace nsmlab
