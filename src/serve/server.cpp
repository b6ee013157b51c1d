#include "serve/server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "serve/embed_request.h"
#include "serve/encode_queue.h"
#include "serve/metrics.h"
#include "serve/responses.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/timer.h"

namespace nsmlab::serve {

namespace {

constexpr const char* kJson = "application/json";

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

// Known paths only, so that clients cannot grow the metrics with made-up paths.
std::string endpoint_label(const std::string& path) {
  for (const char* p : {"/embed", "/v1/embeddings", "/info", "/health", "/metrics"})
    if (path == p) return p;
  return "other";
}

bool is_openai(const httplib::Request& req) { return req.path.rfind("/v1/", 0) == 0; }

void send_error(const httplib::Request& req, httplib::Response& res, const ApiError& e) {
  res.status = e.status;
  if (e.status == 429) res.set_header("Retry-After", "1");
  res.set_content(is_openai(req) ? openai_error(e) : tei_error(e), kJson);
}

class Service {
 public:
  Service(NeuralEncoder& enc, const ServeOptions& o)
      : enc_(enc), options_(o), max_len_(enc.max_seq_length()),
        queue_([this](const std::vector<std::string>& texts, const std::string& prompt) { return encode(texts, prompt); },
               o.max_concurrent_requests, o.batch_tokens, metrics_) {
    limits_.max_inputs = o.max_client_batch_size;
    limits_.dimension = enc.dimension();
    limits_.auto_truncate = o.auto_truncate;
    limits_.default_prompt = enc.default_prompt();
    limits_.prompts = enc.folder().prompts;
  }

  void routes(httplib::Server& svr) {
    svr.Post("/embed", [this](const httplib::Request& req, httplib::Response& res) {
      answer(req, res, [&] {
        EmbedRequest r = parse_tei_embed(req.body, limits_);
        Matrix m = embed(r).first;
        if (r.normalize) normalize_rows(m);
        res.set_content(tei_embeddings(m), kJson);
      });
    });
    svr.Post("/v1/embeddings", [this](const httplib::Request& req, httplib::Response& res) {
      answer(req, res, [&] {
        EmbedRequest r = parse_openai_embeddings(req.body, limits_);
        auto [m, tokens] = embed(r);
        normalize_rows(m);
        if (r.dimensions > 0 && r.dimensions < m.cols) m = truncate_dimensions(m, r.dimensions);
        res.set_content(openai_embeddings(m, r.base64, r.model.empty() ? options_.model_id : r.model, tokens), kJson);
      });
    });
    svr.Get("/health", [](const httplib::Request&, httplib::Response& res) { res.status = 200; });
    svr.Get("/info", [this](const httplib::Request&, httplib::Response& res) { res.set_content(info(), kJson); });
    svr.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(metrics_.render(), "text/plain; version=0.0.4");
    });
    // Errors httplib answers itself (413 body too large, 400 unreadable request, 404): the API's body.
    svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // already an API error
      // httplib caps form-encoded bodies (curl -d without a Content-Type) at 8192 bytes.
      const bool form = req.get_header_value("Content-Type") == "application/x-www-form-urlencoded";
      const ApiError e(res.status, res.status == 413 ? ApiError::TooLarge : ApiError::Malformed,
                       res.status == 413 && form ? "the request body is too large for Content-Type "
                                                   "application/x-www-form-urlencoded: send application/json"
                       : res.status == 413       ? "the request body is larger than this server accepts"
                       : res.status == 404       ? fmt::format("no such endpoint: {}", req.path)
                                                 : fmt::format("the request could not be read (HTTP {})", res.status));
      send_error(req, res, e);
      return httplib::Server::HandlerResponse::Handled;
    }));
    svr.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      metrics_.record_request(endpoint_label(req.path), res.status);
    });
  }

  void stop() { queue_.stop(); }

 private:
  // Runs one API call; every failure becomes that API's error body, never a crash.
  template <typename F>
  void answer(const httplib::Request& req, httplib::Response& res, F body) {
    Timer t;
    try {
      body();
    } catch (const ApiError& e) {
      send_error(req, res, e);
    } catch (const std::exception& e) {
      send_error(req, res, ApiError(500, ApiError::Backend, fmt::format("encoding failed: {}", e.what())));
    }
    metrics_.record_latency(endpoint_label(req.path), t.seconds());
  }

  // Rows for the request's inputs (not normalised) and the tokens they count after truncation.
  std::pair<Matrix, size_t> embed(const EmbedRequest& r) {
    size_t tokens = 0;
    for (size_t i = 0; i < r.inputs.size(); ++i) {
      size_t n = 0;
      try {
        n = enc_.token_count(r.inputs[i], r.prompt);
      } catch (const Error& e) {
        invalid(fmt::format("input {}: {}", i, e.what()));
      }
      if (n > max_len_ && !r.truncate)
        invalid(fmt::format("input {} has {} tokens (prompt and special tokens included); the model takes at most {}: "
                            "shorten it or set \"truncate\": true", i, n, max_len_), "truncate");
      tokens += std::min(n, max_len_);
    }
    Matrix m = queue_.submit(r.inputs, r.prompt, tokens).get();
    return {std::move(m), tokens};
  }

  Matrix encode(const std::vector<std::string>& texts, const std::string& prompt) {
    EncodeOptions eo;
    eo.prompt = prompt;
    eo.batch_tokens = options_.batch_tokens;
    eo.progress = false;
    return enc_.encode(texts, eo);
  }

  std::string info() const {
    const BackendDescription b = enc_.backend_description();
    Json j = {{"model_id", options_.model_id},
              {"model_sha", nullptr},
              {"model_dtype", std::string(precision_name(b.precision))},
              {"model_type", {{"embedding", {{"pooling", enc_.folder().pooling.describe()}}}}},
              {"max_concurrent_requests", options_.max_concurrent_requests},
              {"max_input_length", max_len_},
              {"max_batch_tokens", options_.batch_tokens},
              {"max_batch_requests", nullptr},
              {"max_client_batch_size", options_.max_client_batch_size},
              {"payload_limit", options_.payload_limit},
              {"auto_truncate", options_.auto_truncate},
              {"tokenization_workers", options_.http_threads},
              {"version", "nsmlab 0.1.0"},
              {"sha", nullptr},
              {"docker_label", nullptr},
              {"dimension", enc_.dimension()},
              {"backend", b.name()},
              {"prompts", limits_.prompts},
              {"default_prompt", limits_.default_prompt}};
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
  }

  NeuralEncoder& enc_;
  const ServeOptions options_;
  const size_t max_len_;
  RequestLimits limits_;
  Metrics metrics_;
  EncodeQueue queue_;  // last: its thread stops before the rest goes
};

}  // namespace

void block_stop_signals() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up is an error on its socket, not the end of the server
}

void serve(NeuralEncoder& encoder, const ServeOptions& o) {
  Service service(encoder, o);
  httplib::Server svr;
  const size_t threads = std::max<size_t>(o.http_threads, 1);
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_payload_max_length(o.payload_limit);
  svr.set_read_timeout(o.read_timeout_s, 0);
  svr.set_write_timeout(o.read_timeout_s, 0);
  svr.set_keep_alive_max_count(1000);
  svr.set_keep_alive_timeout(5);
  svr.set_tcp_nodelay(true);  // headers and body go in separate writes: no 40 ms Nagle/delayed-ACK stall
  service.routes(svr);

  int port = o.port;
  if (port == 0) port = svr.bind_to_any_port(o.host);
  else if (!svr.bind_to_port(o.host, port)) port = -1;
  if (port <= 0) fail("--host {} --port {}: cannot listen there (in use, or not an address of this machine)", o.host, o.port);
  std::fprintf(stderr, "nsmlab: serving %s on http://%s:%d (POST /embed, POST /v1/embeddings, GET /info /health /metrics)\n",
               o.model_id.c_str(), o.host.c_str(), port);

  // SIGTERM/SIGINT arrive here only (block_stop_signals); the listener's end wakes it with SIGTERM too.
  std::atomic<bool> listening_done{false};
  std::thread stopper([&] {
    const sigset_t set = stop_signals();
    int sig = 0;
    sigwait(&set, &sig);
    if (!listening_done) std::fprintf(stderr, "nsmlab: signal %d: answering the requests already received, then stopping\n", sig);
    while (!listening_done && !svr.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    svr.stop();
  });
  const bool ok = svr.listen_after_bind();  // returns once stopped and every connection is answered
  listening_done = true;
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  service.stop();
  if (!ok) fail("--port {}: the server stopped listening unexpectedly", port);
  std::fprintf(stderr, "nsmlab: stopped\n");
}

}  // namespace nsmlab::serve
