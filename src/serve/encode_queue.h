// Batching across concurrent requests: HTTP threads submit jobs to a bounded queue; one
// encoder thread takes the oldest job and every other waiting job with the same prompt while
// their tokens fit the budget, encodes them in one call (which plans length-bucketed batches
// as the CLI does, engine/batching.h) and hands each job its rows. A job that fails in a
// shared call is encoded again alone, so one bad request never fails the others.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "serve/metrics.h"
#include "util/matrix.h"

namespace nsmlab::serve {

class EncodeQueue {
 public:
  // Encodes texts, each with the prompt prepended; one row per text (no normalisation).
  using EncodeFn = std::function<Matrix(const std::vector<std::string>& texts, const std::string& prompt)>;

  // max_jobs: requests waiting or being encoded; past it, submit refuses (429).
  // batch_tokens: tokens one encoder call gathers from waiting jobs (a larger job goes alone).
  EncodeQueue(EncodeFn encode, size_t max_jobs, size_t batch_tokens, Metrics& metrics);
  ~EncodeQueue();  // stop()
  EncodeQueue(const EncodeQueue&) = delete;
  EncodeQueue& operator=(const EncodeQueue&) = delete;

  // The job's rows, once encoded; throws ApiError 429 when the queue is full, 503 once stopping.
  std::future<Matrix> submit(std::vector<std::string> texts, std::string prompt, size_t tokens);
  // Encodes what is queued, then ends the encoder thread; later submits are refused.
  void stop();

 private:
  struct Job {
    std::vector<std::string> texts;
    std::string prompt;
    size_t tokens = 0;
    std::promise<Matrix> result;
  };
  void run();
  std::vector<Job> take_batch(std::unique_lock<std::mutex>& lock);
  void encode_batch(std::vector<Job>& jobs);

  EncodeFn encode_;
  const size_t max_jobs_, batch_tokens_;
  Metrics& metrics_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> waiting_;
  size_t in_flight_ = 0;  // jobs taken by the encoder and not yet answered
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace nsmlab::serve
