// Device memory owned by one object; grown (never shrunk) for the activations of a batch,
// so the steady state allocates nothing. A failed allocation throws the out-of-memory status.
#pragma once
#include <cuda_runtime.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <string>

#include "cuda/device_error.h"

namespace nsmlab::cuda {

// NSMLAB_CUDA_MEMORY_LIMIT_MB caps the device memory the plugin's buffers may hold: an
// allocation past it fails as out-of-memory, as a full GPU would (how the batch halving is
// tested on a GPU without filling it). Unset: no cap beyond the GPU's own.
inline std::atomic<size_t>& allocated_bytes() {
  static std::atomic<size_t> n{0};
  return n;
}
inline void check_memory_limit(size_t bytes, const char* what) {
  const char* env = std::getenv("NSMLAB_CUDA_MEMORY_LIMIT_MB");
  if (!env || !*env) return;
  const size_t limit = size_t(std::strtoull(env, nullptr, 10)) << 20;
  if (allocated_bytes() + bytes > limit)
    throw DeviceError(NSMLAB_GPU_OUT_OF_MEMORY, std::string(what) + ": out of memory (over NSMLAB_CUDA_MEMORY_LIMIT_MB=" +
                                                    env + ")");
}

class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  ~DeviceBuffer() { release(); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer(DeviceBuffer&& o) noexcept : data_(o.data_), bytes_(o.bytes_) { o.data_ = nullptr, o.bytes_ = 0; }

  void* reserve(size_t bytes, const char* what) {
    if (bytes <= bytes_) return data_;
    release();
    check_memory_limit(bytes, what);
    check_cuda(cudaMalloc(&data_, bytes), what);
    bytes_ = bytes;
    allocated_bytes() += bytes;
    return data_;
  }
  void release() {
    if (data_) cudaFree(data_);
    allocated_bytes() -= bytes_;
    data_ = nullptr;
    bytes_ = 0;
  }
  template <class T>
  T* as() const { return static_cast<T*>(data_); }
  size_t bytes() const { return bytes_; }

 private:
  void* data_ = nullptr;
  size_t bytes_ = 0;
};

// Pinned host memory, for copies that overlap and run at full speed.
class PinnedBuffer {
 public:
  PinnedBuffer() = default;
  ~PinnedBuffer() { release(); }
  PinnedBuffer(const PinnedBuffer&) = delete;
  PinnedBuffer& operator=(const PinnedBuffer&) = delete;

  void* reserve(size_t bytes, const char* what) {
    if (bytes <= bytes_) return data_;
    release();
    check_cuda(cudaMallocHost(&data_, bytes), what);
    bytes_ = bytes;
    return data_;
  }
  void release() {
    if (data_) cudaFreeHost(data_);
    data_ = nullptr;
    bytes_ = 0;
  }
  template <class T>
  T* as() const { return static_cast<T*>(data_); }

 private:
  void* data_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace nsmlab::cuda
