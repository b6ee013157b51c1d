#include "util/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace nsmlab {

bool Progress::enabled() { return ::isatty(STDERR_FILENO) && std::getenv("NSMLAB_NO_PROGRESS") == nullptr; }

Progress::Progress(std::string label, size_t total, std::string unit)
    : label_(std::move(label)), unit_(std::move(unit)), total_(total), active_(enabled()),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() { finish(); }

void Progress::advance(size_t n) {
  done_ += n;
  if (!active_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ > std::chrono::milliseconds(100) || done_ >= total_) {
    last_draw_ = now;
    draw(false);
  }
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (active_) draw(true);
}

void Progress::draw(bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? done_ / secs : 0.0;
  size_t width = 30;
  size_t filled = total_ ? std::min(width, done_ * width / total_) : width;
  std::string bar(filled, '#');
  bar.append(width - filled, '.');
  std::fprintf(stderr, "\r%s [%s] %zu/%zu %s  %.1f %s/s  %.1fs%s", label_.c_str(), bar.c_str(), done_, total_,
               unit_.c_str(), rate, unit_.c_str(), secs, final ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace nsmlab
