// The one place that builds backends: the CLI, the runner and bench never name a concrete
// class. Resolves "auto", checks a request against what this machine offers, and falls back
// (GPU -> CPU bf16 -> CPU fp32) with a note when a backend is missing or fails to start.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "backend/backend_offer.h"
#include "backend/backend_options.h"
#include "backend/embedding_backend.h"

namespace nsmlab {

// Every device × precision pair this machine has, runnable or not (with the reason).
std::vector<BackendOffer> backend_offers();
// Why there is no GPU offer ("" when the CUDA plugin loads and sees a device).
std::string gpu_unavailable_reason();
// Tests: plan_backends and backend_offers see `offers` as the GPUs (nullptr: the plugin's again).
void set_gpu_offers_for_testing(const std::vector<BackendOffer>* offers);

// The pairs to try for a request, best first, and what the user must know about the choice.
// A request that cannot be honoured at all (fp16 on a CPU, int8 without VNNI, bf16 emulated
// without --insist) is an error naming the reason and what would work.
struct BackendPlan {
  std::vector<BackendOffer> candidates;
  std::vector<std::string> notes;
};
BackendPlan plan_backends(const BackendOptions& options);

// One candidate, started: throws BackendFailure when it cannot start (the caller falls back);
// other errors (a damaged model) propagate, since every backend would hit them.
std::unique_ptr<EmbeddingBackend> open_offer(const std::string& model_dir, const BackendOffer& offer,
                                             const BackendOptions& options);

// The first candidate of `plan` from index `first` on that starts; `index` is set to it and a
// note is added to `notes` for each one skipped. Throws when none starts.
std::unique_ptr<EmbeddingBackend> open_first(const std::string& model_dir, const BackendPlan& plan,
                                             const BackendOptions& options, size_t first, size_t& index,
                                             std::vector<std::string>& notes);

}  // namespace nsmlab
