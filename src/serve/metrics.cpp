#include "serve/metrics.h"

#include <fmt/format.h>

#include <algorithm>

namespace nsmlab::serve {

namespace {
const std::vector<double> kLatencyBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
const std::vector<double> kSizeBounds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::observe(double v) {
  const size_t i = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  ++counts_[i];
  sum_ += v;
  ++count_;
}

void Histogram::render(std::string& out, const std::string& name, const std::string& labels) const {
  unsigned long long cumulative = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i];
    const std::string le = i < bounds_.size() ? fmt::format("{}", bounds_[i]) : "+Inf";
    fmt::format_to(std::back_inserter(out), "{}_bucket{{{}le=\"{}\"}} {}\n", name, labels, le, cumulative);
  }
  const std::string l = labels.empty() ? "" : "{" + labels.substr(0, labels.size() - 1) + "}";
  fmt::format_to(std::back_inserter(out), "{}_sum{} {}\n{}_count{} {}\n", name, l, sum_, name, l, count_);
}

Metrics::Metrics() : batch_inputs_(kSizeBounds), batch_requests_(kSizeBounds) {}

void Metrics::record_request(const std::string& endpoint, int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{endpoint, status}];
}

void Metrics::record_latency(const std::string& endpoint, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  latency_.try_emplace(endpoint, kLatencyBounds).first->second.observe(seconds);
}

void Metrics::record_batch(size_t requests, size_t inputs, size_t tokens, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  batch_requests_.observe(static_cast<double>(requests));
  batch_inputs_.observe(static_cast<double>(inputs));
  tokens_ += tokens;
  inputs_ += inputs;
  encode_seconds_ += seconds;
  last_tokens_per_second_ = seconds > 0 ? static_cast<double>(tokens) / seconds : 0;
}

void Metrics::set_queue_depth(size_t waiting, size_t encoding) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_depth_ = waiting;
  encoding_ = encoding;
}

std::string Metrics::render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  auto it = std::back_inserter(out);
  out += "# HELP nsmlab_requests_total HTTP requests answered, by endpoint and status code.\n"
         "# TYPE nsmlab_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    fmt::format_to(it, "nsmlab_requests_total{{endpoint=\"{}\",code=\"{}\"}} {}\n", key.first, key.second, n);
  out += "# HELP nsmlab_request_duration_seconds Time from a request's arrival to its answer.\n"
         "# TYPE nsmlab_request_duration_seconds histogram\n";
  for (const auto& [endpoint, h] : latency_)
    h.render(out, "nsmlab_request_duration_seconds", fmt::format("endpoint=\"{}\",", endpoint));
  out += "# HELP nsmlab_batch_size Inputs per encoder call (requests batched together).\n"
         "# TYPE nsmlab_batch_size histogram\n";
  batch_inputs_.render(out, "nsmlab_batch_size", "");
  out += "# HELP nsmlab_batch_requests Requests merged into one encoder call.\n"
         "# TYPE nsmlab_batch_requests histogram\n";
  batch_requests_.render(out, "nsmlab_batch_requests", "");
  fmt::format_to(it,
                 "# HELP nsmlab_queue_depth Requests waiting for the encoder.\n# TYPE nsmlab_queue_depth gauge\n"
                 "nsmlab_queue_depth {}\n"
                 "# HELP nsmlab_encoding_requests Requests in the encoder's current call.\n"
                 "# TYPE nsmlab_encoding_requests gauge\nnsmlab_encoding_requests {}\n"
                 "# HELP nsmlab_inputs_total Inputs encoded.\n# TYPE nsmlab_inputs_total counter\n"
                 "nsmlab_inputs_total {}\n"
                 "# HELP nsmlab_tokens_total Tokens encoded (prompt and special tokens included).\n"
                 "# TYPE nsmlab_tokens_total counter\nnsmlab_tokens_total {}\n"
                 "# HELP nsmlab_encode_seconds_total Time the encoder spent encoding.\n"
                 "# TYPE nsmlab_encode_seconds_total counter\nnsmlab_encode_seconds_total {}\n"
                 "# HELP nsmlab_tokens_per_second Tokens per second of the last encoder call.\n"
                 "# TYPE nsmlab_tokens_per_second gauge\nnsmlab_tokens_per_second {}\n",
                 queue_depth_, encoding_, inputs_, tokens_, encode_seconds_, last_tokens_per_second_);
  return out;
}

}  // namespace nsmlab::serve
