// The CUDA backend: the model uploaded once to one GPU through the CUDA plugin
// (engine/gpu_plugin.h, src/cuda/), in fp32 (no TF32: the exactness mode), fp16 or bf16 with
// fp32 accumulation. Positions, id checks and MPNet's bias buckets are computed here, by the
// same code as the CPU path, so the plugin only computes.
#pragma once
#include <string>
#include <vector>

#include "backend/embedding_backend.h"
#include "backend/gpu_plugin_abi.h"
#include "model/transformer_config.h"

namespace nsmlab {

class GpuPlugin;

class CudaBackend final : public EmbeddingBackend {
 public:
  // Throws BackendFailure when the device cannot start or hold the model (the caller falls
  // back); errors in the model folder propagate as they are.
  CudaBackend(const std::string& model_dir, const GpuPlugin& plugin, int device, Precision precision);
  ~CudaBackend() override;

  Matrix embed(const PackedBatch& batch) override;
  Matrix token_states(const PackedBatch& batch) override;
  const BackendDescription& description() const override { return description_; }
  size_t dimension() const override { return dimension_; }
  size_t parameter_count() const override { return parameters_; }

 private:
  struct Inputs;  // the batch in the plugin's terms
  Inputs prepare(const PackedBatch& batch) const;
  void check(int32_t status, const char* error) const;  // OutOfDeviceMemory / BackendFailure

  const nsmlab_gpu_api& api_;
  void* handle_ = nullptr;
  TransformerConfig config_;
  std::vector<float> relative_bias_;  // MPNet: [buckets, heads], kept for each batch's table
  size_t dimension_ = 0, parameters_ = 0;
  BackendDescription description_;
};

}  // namespace nsmlab
