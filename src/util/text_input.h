// Reading the texts to embed: one per line, or JSONL with a "text" field.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace nsmlab {

enum class TextFormat {
  by_extension,  // .jsonl / .ndjson: JSONL; anything else: one text per line
  lines,         // one text per line, whatever the line looks like
  jsonl,         // one JSON object per line with a string "text"
};

// "text" or "jsonl" (the --format option); anything else is an error naming the option.
TextFormat parse_text_format(const std::string& name);

// The limits are checked as the file is read, so an endless or huge input is refused
// after at most these many bytes, never loaded whole first.
struct TextInputOptions {
  TextFormat format = TextFormat::by_extension;
  size_t max_line_bytes = size_t{1} << 20;   // a 1 MiB "line" is almost surely not a sentence
  size_t max_input_bytes = size_t{1} << 30;  // the whole file
  size_t max_texts = 10'000'000;             // each text costs ~32 bytes on top of its own
};

// The file is read as a stream. A leading UTF-8 byte order mark is dropped; LF, CR LF and
// a lone CR end lines. A blank line (only Unicode white space, control or format
// characters) is refused with its line number, except after the last text, where blank
// lines are ignored; so is a text that is blank, or that holds a NUL byte or invalid
// UTF-8, and a JSONL line without a string "text". Errors name the file and the line.
std::vector<std::string> read_texts(const std::string& path, const TextInputOptions& options = {});

class LineReader;

// The same texts one at a time, with the same checks, holding only the current line:
// what streaming readers use (read_texts is this reader collected into a vector).
class TextReader {
 public:
  TextReader(const std::string& path, const TextInputOptions& options = {});
  ~TextReader();
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;
  // The next text; false after the last one (an input with no text at all is an error).
  bool next(std::string& text);
  size_t texts_read() const { return count_; }
  // Lines in the first max_bytes bytes of a regular file (0 for a pipe): LineReader::count_lines_ahead.
  size_t count_lines_ahead(size_t max_bytes);

 private:
  std::string path_;
  TextInputOptions options_;
  bool jsonl_;
  std::unique_ptr<LineReader> in_;
  std::string line_;
  size_t first_blank_ = 0;  // line number of a blank line not yet followed by a text (0: none)
  size_t count_ = 0;
};

}  // namespace nsmlab
