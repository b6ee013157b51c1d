// An OpenMP thread count for the calling thread, for one scope: OpenMP's setting is per
// thread, so nothing leaks into the rest of the process. n <= 0 leaves it alone.
#pragma once
#include <omp.h>

namespace nsmlab {

class ScopedThreads {
 public:
  explicit ScopedThreads(int n) : saved_(omp_get_max_threads()), set_(n > 0) {
    if (set_) omp_set_num_threads(n);
  }
  ~ScopedThreads() {
    if (set_) omp_set_num_threads(saved_);
  }
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;

 private:
  int saved_;
  bool set_;
};

}  // namespace nsmlab
