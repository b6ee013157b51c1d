// `nsmlab serve`: text-embeddings-inference's /embed, /info, /health, OpenAI's /v1/embeddings
// and Prometheus /metrics over cpp-httplib, one encoder thread behind a bounded queue
// (serve/encode_queue.h). SIGTERM or SIGINT stops accepting, answers every request already
// received, then returns.
#pragma once
#include <cstddef>
#include <string>

#include "engine/neural_encoder.h"

namespace nsmlab::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: any free port (the one chosen is printed)
  std::string model_id;                   // what /info and OpenAI responses name
  size_t max_concurrent_requests = 512;   // queued or being encoded; past it, 429
  size_t max_client_batch_size = 512;     // inputs per request; past it, 422
  size_t payload_limit = 2'000'000;       // request body bytes; past it, 413
  size_t batch_tokens = 8192;             // tokens one encoder call gathers (and its batch budget)
  size_t http_threads = 128;              // connections served at once (each idle keep-alive holds one)
  int read_timeout_s = 10;                // a client that stops sending is dropped after this
  bool auto_truncate = false;             // default of TEI's `truncate`; OpenAI requests always use it
};

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts later, so that
// only serve()'s signal thread receives them: call before loading the model.
void block_stop_signals();

// Serves until SIGTERM/SIGINT (after block_stop_signals), then drains; fails if it cannot bind.
void serve(NeuralEncoder& encoder, const ServeOptions& options);

}  // namespace nsmlab::serve
