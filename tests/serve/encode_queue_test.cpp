#include "serve/encode_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "serve/api_error.h"
#include "util/error.h"

namespace nsmlab::serve {
namespace {

// An encoder whose rows say which text they are (the text's length) and which calls it saw;
// it can be held still to fill the queue, and refuses any text "bad".
struct FakeEncoder {
  std::mutex m;
  std::condition_variable cv;
  bool hold = false;
  int calls = 0;
  std::vector<size_t> call_sizes;

  Matrix operator()(const std::vector<std::string>& texts, const std::string& prompt) {
    std::unique_lock<std::mutex> lock(m);
    ++calls;
    cv.notify_all();
    cv.wait(lock, [&] { return !hold; });
    call_sizes.push_back(texts.size());
    for (const auto& t : texts)
      if (t == "bad") fail("text refused");
    Matrix out(texts.size(), 2);
    for (size_t i = 0; i < texts.size(); ++i) {
      out(i, 0) = static_cast<float>(texts[i].size());
      out(i, 1) = static_cast<float>(prompt.size());
    }
    return out;
  }
  void wait_calls(int n) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return calls >= n; });
  }
  void release() {
    std::lock_guard<std::mutex> lock(m);
    hold = false;
    cv.notify_all();
  }
};

EncodeQueue::EncodeFn fn(FakeEncoder& f) {
  return [&f](const std::vector<std::string>& t, const std::string& p) { return f(t, p); };
}

TEST(EncodeQueue, FullQueueRefusesWith429AndLaterJobsAreBatchedTogether) {
  FakeEncoder enc;
  enc.hold = true;
  Metrics metrics;
  EncodeQueue q(fn(enc), 3, 1000, metrics);
  auto first = q.submit({"a"}, "", 1);
  enc.wait_calls(1);  // the encoder holds the first job
  auto second = q.submit({"bb", "ccc"}, "", 2);
  auto third = q.submit({"dddd"}, "", 1);
  try {
    q.submit({"e"}, "", 1);
    FAIL() << "a fourth job fit a queue of three";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 429);
    EXPECT_EQ(e.kind, ApiError::Overloaded);
  }
  enc.release();
  EXPECT_EQ(first.get().rows, 1u);
  Matrix b = second.get(), c = third.get();
  ASSERT_EQ(b.rows, 2u);
  EXPECT_EQ(b(0, 0), 2.0f);
  EXPECT_EQ(b(1, 0), 3.0f);
  EXPECT_EQ(c(0, 0), 4.0f);
  EXPECT_EQ(enc.call_sizes, (std::vector<size_t>{1, 3}));  // the two waiting jobs went in one call
  EXPECT_NE(metrics.render().find("nsmlab_batch_requests_bucket{le=\"2\"} 2"), std::string::npos);
}

TEST(EncodeQueue, OnlyJobsWithTheSamePromptAndWithinTheTokenBudgetShareACall) {
  FakeEncoder enc;
  enc.hold = true;
  Metrics metrics;
  EncodeQueue q(fn(enc), 10, 5, metrics);
  auto hold = q.submit({"x"}, "", 1);
  enc.wait_calls(1);
  auto a = q.submit({"a"}, "p: ", 3);
  auto b = q.submit({"b"}, "", 1);      // another prompt: a later call
  auto c = q.submit({"c"}, "p: ", 2);   // fits a's call (3 + 2 <= 5)
  auto d = q.submit({"d"}, "p: ", 1);   // over the budget: a later call
  enc.release();
  EXPECT_EQ(a.get()(0, 1), 3.0f);
  EXPECT_EQ(b.get()(0, 1), 0.0f);
  EXPECT_EQ(c.get()(0, 1), 3.0f);
  EXPECT_EQ(d.get()(0, 1), 3.0f);
  hold.get();
  EXPECT_EQ(enc.call_sizes, (std::vector<size_t>{1, 2, 1, 1}));
}

TEST(EncodeQueue, ABadJobFailsAloneWhenItSharedACall) {
  FakeEncoder enc;
  enc.hold = true;
  Metrics metrics;
  EncodeQueue q(fn(enc), 10, 1000, metrics);
  auto hold = q.submit({"x"}, "", 1);
  enc.wait_calls(1);
  auto good1 = q.submit({"one"}, "", 1);
  auto bad = q.submit({"ok", "bad"}, "", 2);
  auto good2 = q.submit({"three"}, "", 1);
  enc.release();
  EXPECT_EQ(good1.get()(0, 0), 3.0f);
  EXPECT_THROW(bad.get(), Error);
  EXPECT_EQ(good2.get()(0, 0), 5.0f);
  hold.get();
}

TEST(EncodeQueue, StopAnswersWhatIsQueuedThenRefusesWith503) {
  FakeEncoder enc;
  enc.hold = true;
  Metrics metrics;
  EncodeQueue q(fn(enc), 10, 1000, metrics);
  auto a = q.submit({"a"}, "", 1);
  enc.wait_calls(1);
  auto b = q.submit({"bb"}, "", 1);
  std::thread stopper([&] { q.stop(); });
  enc.release();
  stopper.join();
  EXPECT_EQ(a.get().rows, 1u);
  EXPECT_EQ(b.get()(0, 0), 2.0f);
  try {
    q.submit({"c"}, "", 1);
    FAIL() << "a stopped queue took a job";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 503);
  }
}

}  // namespace
}  // namespace nsmlab::serve
