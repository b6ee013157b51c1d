// What keys a vector besides its text: the model's content (SHA-256 of its files) and every
// setting that changes the vector. Two runs agreeing on both share a space of the cache.
#pragma once
#include <string>
#include <vector>

#include "cache/embedding_cache.h"
#include "engine/neural_encoder.h"
#include "util/json_file.h"
#include "util/matrix.h"

namespace nsmlab {

// SHA-256 of the lines "relative path<TAB>file SHA-256" of the model folder's files, sorted:
// the weights, the tokenizer and every other file up to 64 MiB (configs, pooling, Dense,
// vocabularies), links followed, hidden entries skipped. Large files the loader does not read
// (another format's weights, ONNX exports) stay out, so they are never hashed. Each file's
// digest is memoised in the cache.
std::string model_sha256(EmbeddingCache& cache, const ModelFolder& folder);

// Everything besides the model files that decides a vector's bits: the cache format, the
// engine version, the backend and precision that ran, the CPU kernels' instruction set, the
// prompt, normalisation, the effective maximum sequence length, the output (dense float32).
// Not the batch size nor the thread count: vectors do not depend on them (docs/EMBED.md).
Json cache_settings(const NeuralEncoder& encoder, const EncodeOptions& options);

struct CacheSpace {
  EmbeddingCache* cache = nullptr;
  int64_t id = 0;
  size_t dim = 0;
  std::string backend;  // what the vectors were computed on: a fallback elsewhere stops inserts
};

CacheSpace open_cache_space(EmbeddingCache& cache, const NeuralEncoder& encoder, const EncodeOptions& options);

struct CacheCounts {
  size_t hits = 0, encoded = 0;
};

// encode() through the cache: looks every text up, encodes only the misses (in one call, so
// they batch together), stores them, and returns the rows in order.
Matrix encode_cached(NeuralEncoder& encoder, const CacheSpace& space, const std::vector<std::string>& texts,
                     const EncodeOptions& options, CacheCounts& counts);

// Keys of a chunk of texts.
std::vector<TextKey> text_keys(const std::vector<std::string>& texts);

}  // namespace nsmlab
