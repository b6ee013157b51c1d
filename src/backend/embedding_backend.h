// The one interface every device × precision implements (the CPU in fp32, bf16 and int8;
// CUDA): a packed batch of token ids in, one pooled sentence embedding per sequence out.
// Backends are built by the factory (backend_factory.h) from a loaded model; nothing else
// names a concrete backend.
#pragma once
#include <cstddef>

#include "backend/backend_description.h"
#include "backend/packed_batch.h"
#include "util/error.h"
#include "util/matrix.h"

namespace nsmlab {

class EmbeddingBackend {
 public:
  virtual ~EmbeddingBackend() = default;
  // One row per sequence: pooled, then the Dense and Normalize modules of the model, in fp32.
  // Throws OutOfMemory (below) when the device cannot hold the batch, so the caller can split it.
  virtual Matrix embed(const PackedBatch& batch) = 0;
  // Last hidden state of every packed token, [batch.tokens(), hidden] in fp32 (token-level tools and tests).
  virtual Matrix token_states(const PackedBatch& batch) = 0;
  virtual const BackendDescription& description() const = 0;
  virtual size_t dimension() const = 0;
  virtual size_t parameter_count() const = 0;  // of the model as loaded (encoder + Dense)
};

// A batch did not fit in the device's memory: the encoder halves its batches and goes on.
class OutOfDeviceMemory : public Error {
 public:
  using Error::Error;
};

// The backend failed to start, or failed in the middle of a run (device lost, driver error):
// the encoder falls back to the next candidate backend and encodes the texts again there.
class BackendFailure : public Error {
 public:
  using Error::Error;
};

}  // namespace nsmlab
