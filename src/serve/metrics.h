// The server's Prometheus metrics (text exposition format 0.0.4): requests by endpoint and
// status, a latency histogram, batch sizes, queue depth, tokens and tokens per second.
// Thread-safe; the counters never allocate after the first request of each endpoint/status.
#pragma once
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace nsmlab::serve {

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void observe(double v);
  // Lines "<name>_bucket{<labels>le="..."} n", _sum and _count; labels: "" or `a="b",`.
  void render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::vector<double> bounds_;
  std::vector<unsigned long long> counts_;  // one per bound, then +Inf
  double sum_ = 0;
  unsigned long long count_ = 0;
};

class Metrics {
 public:
  Metrics();
  void record_request(const std::string& endpoint, int status);  // every answer, errors included
  void record_latency(const std::string& endpoint, double seconds);  // embedding calls
  // One encoder call: requests merged, inputs, tokens (prompt and special tokens included), time.
  void record_batch(size_t requests, size_t inputs, size_t tokens, double seconds);
  void set_queue_depth(size_t waiting, size_t encoding);  // requests waiting, requests in the encoder
  std::string render() const;  // the /metrics body

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, unsigned long long> requests_;
  std::map<std::string, Histogram> latency_;
  Histogram batch_inputs_, batch_requests_;
  unsigned long long tokens_ = 0, inputs_ = 0;
  double encode_seconds_ = 0, last_tokens_per_second_ = 0;
  size_t queue_depth_ = 0, encoding_ = 0;
};

}  // namespace nsmlab::serve
