#include <filesystem>
#include <memory>

#include "cli/backend_args.h"
#include "cli/commands.h"
#include "engine/neural_encoder.h"
#include "serve/server.h"

namespace nsmlab::cli {

Action add_serve(CLI::App& app) {
  struct Opts {
    std::string model;
    serve::ServeOptions serve;
    BackendArgs backend;
  };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand("serve", "Serve a model over HTTP: text-embeddings-inference's /embed, /info, /health, "
                                        "OpenAI's /v1/embeddings and Prometheus /metrics");
  c->add_option("--model", o->model, "Model folder (sentence-transformers layout)")->required();
  c->add_option("--host", o->serve.host, "Address to listen on")->capture_default_str();
  c->add_option("--port", o->serve.port, "Port to listen on (0: any free port, printed)")
      ->capture_default_str()->check(CLI::Range(0, 65535));
  c->add_option("--max-concurrent-requests", o->serve.max_concurrent_requests,
                "Requests queued or being encoded; past it, 429 with Retry-After")
      ->capture_default_str()->check(CLI::PositiveNumber);
  c->add_option("--max-client-batch-size", o->serve.max_client_batch_size, "Inputs per request; past it, 422")
      ->capture_default_str()->check(CLI::PositiveNumber);
  c->add_option("--payload-limit", o->serve.payload_limit, "Request body bytes; past it, 413")
      ->capture_default_str()->check(CLI::PositiveNumber);
  c->add_option("--batch-tokens", o->serve.batch_tokens,
                "Tokens one encoder call gathers from waiting requests (and its padded batch budget)")
      ->capture_default_str()->check(CLI::PositiveNumber);
  c->add_option("--http-threads", o->serve.http_threads, "Connections served at once")
      ->capture_default_str()->check(CLI::Range(1, 4096));
  c->add_option("--read-timeout", o->serve.read_timeout_s, "Seconds a client may stall while sending or receiving")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  c->add_flag("--auto-truncate", o->serve.auto_truncate,
              "Truncate long inputs unless a request says otherwise (default: refuse them with 422)");
  add_backend_options(*c, o->backend);
  return [o] {
    const BackendOptions backend = backend_options(o->backend, AutoPolicy::Faithful);
    serve::block_stop_signals();  // before any thread starts, the model's included
    NeuralEncoder enc(o->model, backend);
    for (const std::string& note : enc.backend_description().notes) std::fprintf(stderr, "nsmlab: note: %s\n", note.c_str());
    o->serve.model_id = std::filesystem::path(o->model).lexically_normal().filename().string();
    if (o->serve.model_id.empty()) o->serve.model_id = std::filesystem::path(o->model).parent_path().filename().string();
    serve::serve(enc, o->serve);
    return 0;
  };
}

}  // namespace nsmlab::cli
