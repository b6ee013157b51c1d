// Device memory owned by one object; grown (never shrunk) for the activations of a batch,
// so the steady state allocates nothing. A failed allocation throws the out-of-memory status.
#pragma once
#include <cuda_runtime.h>

#include <cstddef>

#include "cuda/device_error.h"

namespace nsmlab::cuda {

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
    check_cuda(cudaMalloc(&data_, bytes), what);
    bytes_ = bytes;
    return data_;
  }
  void release() {
    if (data_) cudaFree(data_);
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
