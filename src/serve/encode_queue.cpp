#include "serve/encode_queue.h"

#include <algorithm>
#include <exception>
#include <iterator>

#include <fmt/format.h>

#include "serve/api_error.h"
#include "util/timer.h"

namespace nsmlab::serve {

EncodeQueue::EncodeQueue(EncodeFn encode, size_t max_jobs, size_t batch_tokens, Metrics& metrics)
    : encode_(std::move(encode)), max_jobs_(max_jobs), batch_tokens_(batch_tokens), metrics_(metrics) {
  worker_ = std::thread([this] { run(); });
}

EncodeQueue::~EncodeQueue() { stop(); }

std::future<Matrix> EncodeQueue::submit(std::vector<std::string> texts, std::string prompt, size_t tokens) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) throw ApiError(503, ApiError::Unhealthy, "the server is shutting down");
  if (waiting_.size() + in_flight_ >= max_jobs_)
    throw ApiError(429, ApiError::Overloaded,
                   fmt::format("the server is overloaded: {} requests are queued or being encoded", max_jobs_));
  Job job;
  job.texts = std::move(texts);
  job.prompt = std::move(prompt);
  job.tokens = tokens;
  std::future<Matrix> f = job.result.get_future();
  waiting_.push_back(std::move(job));
  metrics_.set_queue_depth(waiting_.size(), in_flight_);
  wake_.notify_one();
  return f;
}

void EncodeQueue::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (worker_.joinable()) worker_.join();
}

// The oldest job, then later ones with its prompt while the token budget holds (order kept).
std::vector<EncodeQueue::Job> EncodeQueue::take_batch(std::unique_lock<std::mutex>&) {
  std::vector<Job> batch;
  size_t tokens = 0;
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    const bool first = batch.empty();
    if (!first && (it->prompt != batch.front().prompt || tokens + it->tokens > batch_tokens_)) {
      ++it;
      continue;
    }
    tokens += it->tokens;
    batch.push_back(std::move(*it));
    it = waiting_.erase(it);
    if (tokens >= batch_tokens_) break;
  }
  in_flight_ = batch.size();
  metrics_.set_queue_depth(waiting_.size(), in_flight_);
  return batch;
}

void EncodeQueue::run() {
  for (;;) {
    std::vector<Job> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;  // stopping, and everything queued was answered
      batch = take_batch(lock);
    }
    encode_batch(batch);
    std::lock_guard<std::mutex> lock(mutex_);
    in_flight_ = 0;
    metrics_.set_queue_depth(waiting_.size(), 0);
  }
}

void EncodeQueue::encode_batch(std::vector<Job>& jobs) {
  std::vector<std::string> texts;  // copies: a failed shared call encodes each job again
  size_t tokens = 0;
  for (const Job& j : jobs) {
    texts.insert(texts.end(), j.texts.begin(), j.texts.end());
    tokens += j.tokens;
  }
  Matrix all;
  try {
    Timer t;
    all = encode_(texts, jobs.front().prompt);
    metrics_.record_batch(jobs.size(), texts.size(), tokens, t.seconds());
  } catch (...) {
    if (jobs.size() == 1) {
      jobs.front().result.set_exception(std::current_exception());
      return;
    }
    for (Job& j : jobs) {  // which job failed is unknown: each again, alone
      std::vector<Job> alone;
      alone.push_back(std::move(j));
      encode_batch(alone);
    }
    return;
  }
  size_t row = 0;
  for (Job& j : jobs) {
    Matrix m(j.texts.size(), all.cols);
    std::copy_n(all.row(row), m.data.size(), m.data.begin());
    row += j.texts.size();
    j.result.set_value(std::move(m));
  }
}

}  // namespace nsmlab::serve
