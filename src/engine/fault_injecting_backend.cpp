#include "engine/fault_injecting_backend.h"

namespace nsmlab {

FaultInjectingBackend::FaultInjectingBackend(std::unique_ptr<EmbeddingBackend> inner, std::vector<Fault> faults)
    : inner_(std::move(inner)), faults_(std::move(faults)) {}

Matrix FaultInjectingBackend::embed(const PackedBatch& batch) {
  ++calls_;
  const std::string name = inner_->description().name();
  for (const Fault& f : faults_) {
    if (f.call != calls_) continue;
    if (f.kind == Fault::OutOfMemory)
      throw OutOfDeviceMemory(fmt::format("{}: out of memory on a batch of {} sequences, {} tokens (injected by "
                                          "NSMLAB_FAULT)", name, batch.sequences(), batch.tokens()));
    if (f.kind == Fault::Failure)
      throw BackendFailure(fmt::format("{}: the device failed during embed call {} (injected by NSMLAB_FAULT)", name,
                                       calls_));
  }
  return inner_->embed(batch);
}

}  // namespace nsmlab
