// A progress line for long work, drawn on stderr only when it is a terminal:
// piped or logged runs stay quiet.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>

namespace nsmlab {

class Progress {
 public:
  Progress(std::string label, size_t total, std::string unit = "items");
  ~Progress();
  void advance(size_t n = 1);
  void finish();
  static bool enabled();  // stderr is a terminal and NSMLAB_NO_PROGRESS is unset

 private:
  void draw(bool final);
  std::string label_, unit_;
  size_t total_, done_ = 0;
  bool active_, finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace nsmlab
