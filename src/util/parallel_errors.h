// An exception may not leave an OpenMP parallel region (the runtime calls std::terminate:
// SIGABRT with no message). Run each iteration's body through capture() and call
// rethrow() after the region: the exception of the lowest iteration that failed is thrown
// again there, so the error does not depend on thread timing.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>

namespace nsmlab {

class ParallelErrors {
 public:
  template <typename F>
  void capture(size_t iteration, F&& body) noexcept {
    if (iteration > first_failed_.load(std::memory_order_relaxed)) return;  // skip work after a failure
    try {
      body();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (iteration < first_failed_.load(std::memory_order_relaxed)) {
        error_ = std::current_exception();
        first_failed_.store(iteration, std::memory_order_relaxed);
      }
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::atomic<size_t> first_failed_{SIZE_MAX};
  std::mutex mutex_;
  std::exception_ptr error_;
};

}  // namespace nsmlab
