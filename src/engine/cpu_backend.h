// The CPU backend: the model's products in fp32, bf16 or int8 (oneDNN), everything else in
// fp32, on a fixed number of OpenMP threads chosen when it is built.
#pragma once
#include <memory>
#include <string>

#include "backend/backend_options.h"
#include "backend/embedding_backend.h"

namespace nsmlab {

class SentenceModel;

class CpuBackend final : public EmbeddingBackend {
 public:
  // Fails (naming the reason) when this CPU cannot run `precision`.
  CpuBackend(const std::string& model_dir, Precision precision, int threads);
  ~CpuBackend() override;

  Matrix embed(const PackedBatch& batch) override;
  Matrix token_states(const PackedBatch& batch) override;
  const BackendDescription& description() const override { return description_; }
  size_t dimension() const override;
  size_t parameter_count() const override;

 private:
  std::unique_ptr<SentenceModel> model_;
  int threads_;
  BackendDescription description_;
};

}  // namespace nsmlab
