// The plugin's one exported symbol: the table of C functions the core calls
// (src/backend/gpu_plugin_abi.h). Every C++ exception stops here and becomes a status code
// and a message in the caller's buffer.
#include <cublasLt.h>
#include <cuda_runtime.h>
#include <dlfcn.h>

#include <cstdio>
#include <cstring>
#include <new>
#include <string>

#include "backend/gpu_plugin_abi.h"
#include "cuda/device_error.h"
#include "cuda/device_model.h"

namespace nsmlab::cuda {
namespace {

void write_error(char* buffer, size_t size, const std::string& text) {
  if (!buffer || size == 0) return;
  std::snprintf(buffer, size, "%s", text.c_str());
}

template <class F>
int32_t guarded(char* error, size_t error_size, F&& f) {
  try {
    f();
    return NSMLAB_GPU_OK;
  } catch (const DeviceError& e) {
    write_error(error, error_size, e.what());
    return e.status;
  } catch (const std::bad_alloc&) {
    write_error(error, error_size, "out of host memory in the CUDA plugin");
    return NSMLAB_GPU_FAILURE;
  } catch (const std::exception& e) {
    write_error(error, error_size, e.what());
    return NSMLAB_GPU_FAILURE;
  }
}

std::string version_text(int v) { return std::to_string(v / 1000) + "." + std::to_string(v % 1000 / 10); }

// Why the runtime found no usable driver, in words a user can act on.
void check_driver(cudaError_t e) {
  if (e == cudaSuccess) return;
  if (e == cudaErrorInsufficientDriver || e == cudaErrorInitializationError || e == cudaErrorSystemDriverMismatch) {
    void* lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) throw DeviceError(NSMLAB_GPU_NO_DRIVER, "the NVIDIA driver library libcuda.so.1 is not installed");
    dlclose(lib);
    int driver = 0;
    cudaDriverGetVersion(&driver);
    if (driver > 0 && driver < CUDART_VERSION)
      throw DeviceError(NSMLAB_GPU_NO_DRIVER, "the NVIDIA driver supports CUDA " + version_text(driver) +
                                                  ", this plugin needs CUDA " + version_text(CUDART_VERSION) +
                                                  " (update the driver)");
    throw DeviceError(NSMLAB_GPU_NO_DRIVER, std::string("the NVIDIA driver did not start: ") + cudaGetErrorString(e));
  }
  if (e == cudaErrorNoDevice) throw DeviceError(NSMLAB_GPU_NO_DEVICE, "the NVIDIA driver sees no GPU");
  check_cuda(e, "cudaGetDeviceCount");
}

const char* build_info() {
  static const std::string text = "CUDA runtime " + version_text(CUDART_VERSION) + ", cuBLASLt " +
                                  std::to_string(cublasLtGetVersion()) + ", kernels " NSMLAB_CUDA_ARCHS;
  return text.c_str();
}

int32_t device_count(int32_t* count, char* error, size_t error_size) {
  return guarded(error, error_size, [&] {
    int n = 0;
    check_driver(cudaGetDeviceCount(&n));
    *count = n;
  });
}

int32_t device_info(int32_t device, nsmlab_gpu_device_info* info, char* error, size_t error_size) {
  return guarded(error, error_size, [&] {
    int n = 0;
    check_driver(cudaGetDeviceCount(&n));
    if (device < 0 || device >= n)
      throw DeviceError(NSMLAB_GPU_NO_DEVICE, "no GPU cuda:" + std::to_string(device) + " (" + std::to_string(n) +
                                                  " visible)");
    cudaDeviceProp p{};
    check_cuda(cudaGetDeviceProperties(&p, device), "cudaGetDeviceProperties");
    std::memset(info, 0, sizeof(*info));
    std::snprintf(info->name, sizeof(info->name), "%s", p.name);
    info->cc_major = p.major;
    info->cc_minor = p.minor;
    info->multiprocessors = p.multiProcessorCount;
    check_cuda(cudaSetDevice(device), "cudaSetDevice");
    size_t free = 0, total = 0;
    check_cuda(cudaMemGetInfo(&free, &total), "cudaMemGetInfo");
    info->memory_free = free;
    info->memory_total = total;
    int driver = 0;
    cudaDriverGetVersion(&driver);
    info->driver_version = driver;
    info->runtime_version = CUDART_VERSION;
  });
}

int32_t open(const nsmlab_gpu_model* model, int32_t device, int32_t precision, void** handle, char* error,
             size_t error_size) {
  *handle = nullptr;
  return guarded(error, error_size, [&] {
    int n = 0;
    check_driver(cudaGetDeviceCount(&n));
    if (device < 0 || device >= n)
      throw DeviceError(NSMLAB_GPU_NO_DEVICE, "no GPU cuda:" + std::to_string(device));
    *handle = open_device_model(*model, device, precision).release();
  });
}

int32_t embed(void* handle, const nsmlab_gpu_batch* batch, float* out, uint64_t out_floats, char* error,
              size_t error_size) {
  return guarded(error, error_size, [&] {
    auto* m = static_cast<DeviceModel*>(handle);
    if (out_floats != uint64_t(batch->sequences) * m->dimension()) invalid("embed: output buffer of the wrong size");
    m->embed(*batch, out);
  });
}

int32_t token_states(void* handle, const nsmlab_gpu_batch* batch, float* out, uint64_t out_floats, char* error,
                     size_t error_size) {
  return guarded(error, error_size, [&] {
    auto* m = static_cast<DeviceModel*>(handle);
    if (out_floats != uint64_t(batch->tokens) * m->hidden()) invalid("token_states: output buffer of the wrong size");
    m->token_states(*batch, out);
  });
}

uint64_t dimension(void* handle) { return static_cast<DeviceModel*>(handle)->dimension(); }
uint64_t device_bytes(void* handle) { return static_cast<DeviceModel*>(handle)->weight_bytes(); }
void close(void* handle) { delete static_cast<DeviceModel*>(handle); }

const nsmlab_gpu_api api = {NSMLAB_GPU_ABI_VERSION, sizeof(nsmlab_gpu_api), build_info, device_count, device_info,
                            open, embed, token_states, dimension, device_bytes, close};

}  // namespace
}  // namespace nsmlab::cuda

extern "C" __attribute__((visibility("default"))) const nsmlab_gpu_api* nsmlab_gpu_plugin(void) {
  return &nsmlab::cuda::api;
}
