#include "util/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/error.h"

namespace nsmlab {

namespace {
constexpr size_t kBufferBytes = 64 * 1024;
}

LineReader::LineReader(std::string path, size_t max_line_bytes, std::string limit_option)
    : path_(std::move(path)), max_line_bytes_(max_line_bytes), limit_option_(std::move(limit_option)), buffer_(kBufferBytes) {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail("{}: cannot open: {}", path_, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd_);
    fail("{}: is a directory (expected a text file)", path_);
  }
  regular_file_ = S_ISREG(st.st_mode);
}

size_t LineReader::count_lines_ahead(size_t max_bytes) {
  if (!regular_file_ || line_number_ != 0) return 0;
  size_t lines = 0, seen = 0;
  char last = '\n';  // an empty file has no line
  while (seen < max_bytes && (pos_ < end_ || refill())) {
    const size_t take = std::min(end_ - pos_, max_bytes - seen);
    for (const char* p = buffer_.data() + pos_; p != buffer_.data() + pos_ + take; ++p) {
      if (*p == '\n') lines += last != '\r';  // CR LF ends one line, at its CR
      else if (*p == '\r') ++lines;
      last = *p;
    }
    pos_ += take;
    seen += take;
  }
  if (last != '\n' && last != '\r') ++lines;  // a last line without a terminator
  if (::lseek(fd_, 0, SEEK_SET) != 0) fail("{}: cannot read the file again from its start: {}", path_, std::strerror(errno));
  pos_ = end_ = 0;
  at_eof_ = false;
  return lines;
}

LineReader::~LineReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool LineReader::refill() {
  if (at_eof_) return false;
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("{}: cannot read after line {}: {}", path_, line_number_, std::strerror(errno));
    pos_ = 0;
    end_ = static_cast<size_t>(n);
    at_eof_ = n == 0;
    return n > 0;
  }
}

bool LineReader::next(std::string& line) {
  line.clear();
  bool started = false;  // some byte of this line was seen (an empty line is only ever terminated)
  for (;;) {
    if (pos_ == end_ && !refill()) {
      if (!started) return false;
      ++line_number_;
      return true;
    }
    if (after_cr_) {  // CR LF: the LF finishes the line that CR already ended
      after_cr_ = false;
      if (buffer_[pos_] == '\n') {
        ++pos_;
        ++consumed_;
        continue;
      }
    }
    const char* begin = buffer_.data() + pos_;
    const char* stop = buffer_.data() + end_;
    const char* eol = std::find_if(begin, stop, [](char c) { return c == '\n' || c == '\r'; });
    const size_t piece = static_cast<size_t>(eol - begin);
    if (piece > max_line_bytes_ - line.size()) {
      fail("{}:{}: line longer than the limit of {} bytes (is this a text file? {} raises the limit)", path_,
           line_number_ + 1, max_line_bytes_, limit_option_);
    }
    line.append(begin, piece);
    pos_ += piece;
    consumed_ += piece;
    started = true;
    if (eol != stop) {
      after_cr_ = *eol == '\r';
      ++pos_;
      ++consumed_;
      ++line_number_;
      return true;
    }
  }
}

}  // namespace nsmlab
