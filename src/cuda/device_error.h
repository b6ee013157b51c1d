// Errors inside the CUDA plugin: one exception type carrying the ABI status, caught at the
// C boundary (plugin.cu) and turned into a code + message. Out-of-memory is told apart from
// every other failure so the core can split the batch instead of falling back.
#pragma once
#include <cublasLt.h>
#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

#include "backend/gpu_plugin_abi.h"

namespace nsmlab::cuda {

struct DeviceError : std::runtime_error {
  int32_t status;
  DeviceError(int32_t s, const std::string& what) : std::runtime_error(what), status(s) {}
};

inline void check_cuda(cudaError_t e, const char* what) {
  if (e == cudaSuccess) return;
  cudaGetLastError();  // clear a sticky-free error so the next call starts clean
  const int32_t status = e == cudaErrorMemoryAllocation ? NSMLAB_GPU_OUT_OF_MEMORY : NSMLAB_GPU_FAILURE;
  throw DeviceError(status, std::string(what) + ": " + cudaGetErrorString(e));
}

inline void check_cublas(cublasStatus_t s, const char* what) {
  if (s == CUBLAS_STATUS_SUCCESS) return;
  const int32_t status = s == CUBLAS_STATUS_ALLOC_FAILED ? NSMLAB_GPU_OUT_OF_MEMORY : NSMLAB_GPU_FAILURE;
  throw DeviceError(status, std::string(what) + ": " + cublasLtGetStatusString(s));
}

// After a kernel launch: a bad configuration shows here, a fault at the next synchronisation.
inline void check_launch(const char* what) { check_cuda(cudaGetLastError(), what); }

[[noreturn]] inline void invalid(const std::string& what) { throw DeviceError(NSMLAB_GPU_FAILURE, what); }

}  // namespace nsmlab::cuda
