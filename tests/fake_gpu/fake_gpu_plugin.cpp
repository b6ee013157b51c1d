// A stand-in for libnsmlab_cuda.so that needs no GPU: the loader's error paths and the CUDA
// backend's plumbing (status codes, out-of-memory, device listing) are tested with it.
// Behaviour from the environment, read at each call:
//   NSMLAB_FAKE_GPU_ABI         interface version to report (default: the current one); "none":
//                               the entry point answers null
//   NSMLAB_FAKE_GPU_DEVICES     number of devices (default 1), or "nodriver"
//   NSMLAB_FAKE_GPU_MAX_TOKENS  embed fails with out-of-memory above this many tokens
// Each embedding row is filled with its sequence's length, so tests can check which rows came back.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "backend/gpu_plugin_abi.h"

namespace {

struct Model {
  uint64_t dimension, hidden;
};

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

int32_t say(char* error, size_t size, int32_t status, const char* text) {
  std::snprintf(error, size, "%s", text);
  return status;
}

const char* build_info() { return "fake plugin for tests"; }

int32_t device_count(int32_t* count, char* error, size_t size) {
  const char* d = env("NSMLAB_FAKE_GPU_DEVICES");
  if (d && std::string(d) == "nodriver")
    return say(error, size, NSMLAB_GPU_NO_DRIVER, "the NVIDIA driver library libcuda.so.1 is not installed");
  *count = d ? std::atoi(d) : 1;
  return NSMLAB_GPU_OK;
}

int32_t device_info(int32_t device, nsmlab_gpu_device_info* info, char*, size_t) {
  std::memset(info, 0, sizeof(*info));
  std::snprintf(info->name, sizeof(info->name), "Fake GPU %d", device);
  info->cc_major = 7;
  info->cc_minor = 5;
  info->multiprocessors = 40;
  info->memory_free = 15ull << 30;
  info->memory_total = 16ull << 30;
  info->driver_version = 13000;
  info->runtime_version = 13000;
  return NSMLAB_GPU_OK;
}

int32_t open(const nsmlab_gpu_model* m, int32_t, int32_t, void** handle, char* error, size_t size) {
  if (m->struct_size != sizeof(nsmlab_gpu_model)) return say(error, size, NSMLAB_GPU_FAILURE, "bad struct size");
  const int modes = m->pool_cls + m->pool_max + m->pool_mean + m->pool_mean_sqrt_len + m->pool_weighted_mean +
                    m->pool_last_token;
  *handle = new Model{m->has_dense ? m->dense.out : modes * m->hidden, m->hidden};
  return NSMLAB_GPU_OK;
}

int32_t embed(void* handle, const nsmlab_gpu_batch* b, float* out, uint64_t n, char* error, size_t size) {
  const auto* m = static_cast<Model*>(handle);
  if (const char* cap = env("NSMLAB_FAKE_GPU_MAX_TOKENS"); cap && b->tokens > std::atoi(cap))
    return say(error, size, NSMLAB_GPU_OUT_OF_MEMORY, "out of memory (fake)");
  if (n != uint64_t(b->sequences) * m->dimension) return say(error, size, NSMLAB_GPU_FAILURE, "wrong output size");
  for (int s = 0; s < b->sequences; ++s)
    for (uint64_t i = 0; i < m->dimension; ++i) out[s * m->dimension + i] = float(b->offset[s + 1] - b->offset[s]);
  return NSMLAB_GPU_OK;
}

int32_t token_states(void*, const nsmlab_gpu_batch*, float*, uint64_t, char* error, size_t size) {
  return say(error, size, NSMLAB_GPU_FAILURE, "device lost (fake)");
}

uint64_t dimension(void* handle) { return static_cast<Model*>(handle)->dimension; }
uint64_t device_bytes(void*) { return 1u << 20; }
void close(void* handle) { delete static_cast<Model*>(handle); }

nsmlab_gpu_api api = {NSMLAB_GPU_ABI_VERSION, sizeof(nsmlab_gpu_api), build_info, device_count, device_info,
                      open, embed, token_states, dimension, device_bytes, close};

}  // namespace

extern "C" const nsmlab_gpu_api* nsmlab_gpu_plugin(void) {
  const char* abi = env("NSMLAB_FAKE_GPU_ABI");
  if (abi && std::string(abi) == "none") return nullptr;
  api.abi_version = abi ? uint32_t(std::atoi(abi)) : NSMLAB_GPU_ABI_VERSION;
  return &api;
}
