// Wraps a backend and fails its embed calls as NSMLAB_FAULT says (backend/fault_injection.h),
// so the out-of-memory and fallback paths run in tests exactly as they would on a real failure.
#pragma once
#include <memory>
#include <vector>

#include "backend/embedding_backend.h"
#include "backend/fault_injection.h"

namespace nsmlab {

class FaultInjectingBackend final : public EmbeddingBackend {
 public:
  FaultInjectingBackend(std::unique_ptr<EmbeddingBackend> inner, std::vector<Fault> faults);

  Matrix embed(const PackedBatch& batch) override;
  Matrix token_states(const PackedBatch& batch) override { return inner_->token_states(batch); }
  const BackendDescription& description() const override { return inner_->description(); }
  size_t dimension() const override { return inner_->dimension(); }
  size_t parameter_count() const override { return inner_->parameter_count(); }

 private:
  std::unique_ptr<EmbeddingBackend> inner_;
  std::vector<Fault> faults_;
  size_t calls_ = 0;
};

}  // namespace nsmlab
