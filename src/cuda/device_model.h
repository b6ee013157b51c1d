// One sentence-transformers model resident on one GPU in one compute precision: weights
// uploaded once and converted there, activations in buffers reused from batch to batch.
#pragma once
#include <memory>

#include "backend/gpu_plugin_abi.h"

namespace nsmlab::cuda {

class DeviceModel {
 public:
  virtual ~DeviceModel() = default;
  // out: [sequences][dimension()] fp32, host memory.
  virtual void embed(const nsmlab_gpu_batch& batch, float* out) = 0;
  // out: [tokens][hidden] fp32, host memory.
  virtual void token_states(const nsmlab_gpu_batch& batch, float* out) = 0;
  virtual size_t dimension() const = 0;
  virtual size_t hidden() const = 0;
  virtual size_t weight_bytes() const = 0;
};

// Throws DeviceError (out of memory while uploading included).
std::unique_ptr<DeviceModel> open_device_model(const nsmlab_gpu_model& model, int device, int precision);

}  // namespace nsmlab::cuda
