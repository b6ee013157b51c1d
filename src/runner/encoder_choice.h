// Which encoder a run uses: the one asked for, else the best local neural model,
// else the weight-free lexical baseline (and the run says so).
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "backend/backend_description.h"
#include "backend/backend_options.h"
#include "engine/sentence_encoder.h"
#include "experiments/metadata_result.h"

namespace nsmlab {

struct EncoderChoice {
  std::unique_ptr<SentenceEncoder> encoder;
  std::string name;          // repo id or folder name, or "lexical-baseline"
  std::string path;          // absolute model folder ("" for the baseline)
  std::string prompt;        // prompt to prepend (model default or known-model default)
  std::string notice;        // the baseline: what it is and how to get a model; a model that does
                             // not cover the run's language: the loud warning (results.json "notice")
  ModelMetadata model;       // results.json "metadata.model" (sha256 filled by the runner)
  // What computes the embeddings (after any fallback): results.json "metadata.backend_detail".
  // For the lexical baseline: the CPU, fp32, "lexical".
  std::function<BackendDescription()> backend;
};

// model_spec: what --model names (hub/model_resolver.h), "" for the automatic choice.
EncoderChoice choose_encoder(const std::string& model_spec, bool force_lexical, const std::string& language,
                             const BackendOptions& backend = {});

}  // namespace nsmlab
