// Reading a file line by line in bounded memory: only the current line and a small
// buffer are held, so a huge file or an endless device (/dev/zero) is refused by its
// limits as it is read instead of being loaded whole first.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace nsmlab {

class LineReader {
 public:
  // Opens `path` (a regular file, a pipe or a device; not a directory). A line longer
  // than `max_line_bytes` is refused as soon as its first excess byte is read, with an
  // error that names `limit_option` (how the user raises the limit).
  LineReader(std::string path, size_t max_line_bytes, std::string limit_option);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its terminator: LF, CR LF and a lone CR all end a line
  // (files from Windows and classic Mac OS alike). False at the end of the file; a
  // last line without a terminator still counts.
  bool next(std::string& line);

  // Before the first next(): the number of lines in the first `max_bytes` bytes of a
  // regular file, so that callers can size their storage once; the file is then read
  // from its start again. 0 for a pipe or a device, which can be read only once.
  size_t count_lines_ahead(size_t max_bytes);

  size_t line_number() const { return line_number_; }  // of the line last returned, from 1
  size_t bytes_consumed() const { return consumed_; }  // up to the end of that line's terminator
  const std::string& path() const { return path_; }

 private:
  bool refill();  // false at end of file

  std::string path_;
  size_t max_line_bytes_;
  std::string limit_option_;
  int fd_ = -1;
  bool regular_file_ = false;
  std::vector<char> buffer_;
  size_t pos_ = 0, end_ = 0;
  bool at_eof_ = false;
  bool after_cr_ = false;  // the last line ended with CR: an LF right after it belongs to it
  size_t line_number_ = 0;
  size_t consumed_ = 0;
};

}  // namespace nsmlab
