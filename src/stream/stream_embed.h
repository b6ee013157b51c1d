// `embed` in bounded memory: a reader thread reads and tokenises chunks of --chunk-texts
// texts (at most two chunks ahead) while this thread encodes the previous chunk and commits
// it to a sink. Memory depends on the chunk size, never on the number of texts.
#pragma once
#include <cstddef>
#include <functional>
#include <string>

#include "cache/cache_space.h"
#include "engine/neural_encoder.h"
#include "stream/embedding_sink.h"
#include "stream/output_dtype.h"
#include "util/json_file.h"
#include "util/text_input.h"

namespace nsmlab {

struct StreamEmbedOptions {
  std::string input;
  TextInputOptions input_options;
  EncodeOptions encode;
  size_t chunk_texts = 4096;
  OutputDtype dtype = OutputDtype::float32;
  // Which chunks this process encodes (MPI ranks share them out); empty: all.
  std::function<bool(size_t)> mine;
  // The embedding cache, or none: each chunk's texts are looked up (on the reader thread, with
  // a connection of its own) and only the misses are tokenised and encoded, then stored.
  const CacheSpace* cache = nullptr;
  // Count the long texts of the chunks this process does not encode too (tokenising them, not
  // encoding), so that the report covers the whole input after --resume or across ranks.
  bool count_all = true;
};

struct StreamEmbedResult {
  size_t rows = 0, chunks = 0;            // in the whole input
  size_t encoded_rows = 0, encoded_chunks = 0;  // by this process in this run
  size_t saturated = 0;                   // int8 values clamped to +-127
  size_t cache_hits = 0;                  // rows of encoded chunks found in the cache
  double cache_lookup_s = 0, cache_insert_s = 0;  // time in the cache (lookups on the reader thread)
  LongTextCount long_text;                // the whole input's with count_all, else this process's
};

StreamEmbedResult stream_embed(NeuralEncoder& encoder, EmbeddingSink& sink, const StreamEmbedOptions& options);

// Everything that decides the output's bytes: the model's files (SHA-256), the encoding
// options, the backend, the input file (path, size, modification time), the chunking and the
// output type. A resumed run must have the same, or it would splice two different outputs.
Json embed_settings(const NeuralEncoder& encoder, const StreamEmbedOptions& options, const std::string& backend,
                    int threads);

}  // namespace nsmlab
