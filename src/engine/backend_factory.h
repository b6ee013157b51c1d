// The one place that builds backends: the CLI, the runner and bench never name a concrete
// class. Resolves "auto", checks the request against what this machine offers, and falls back
// (GPU -> CPU bf16 -> CPU fp32) with a note when a backend is missing or fails to start.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "backend/backend_offer.h"
#include "backend/backend_options.h"
#include "backend/embedding_backend.h"
#include "model/model_folder.h"

namespace nsmlab {

// Every device × precision pair on this machine, in order of preference for each device.
std::vector<BackendOffer> backend_offers();

// The concrete pairs to try for a request, best first; the last is always one the CPU runs.
// Explains nothing: notes come from open_backend when a candidate is skipped.
std::vector<BackendOffer> backend_candidates(const BackendOptions& options);

// Loads the model folder's weights into the first candidate that starts. What ran and every
// fallback taken are in the backend's description().notes. A request the user made explicitly
// (not auto) that cannot run at all is an error naming the reason, unless a fallback exists.
std::unique_ptr<EmbeddingBackend> open_backend(const std::string& model_dir, const BackendOptions& options);

}  // namespace nsmlab
