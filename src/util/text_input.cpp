#include "util/text_input.h"

#include <utf8proc.h>

#include <algorithm>
#include <string_view>

#include "util/error.h"
#include "util/json_file.h"
#include "util/line_reader.h"
#include "util/utf8.h"

namespace nsmlab {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TextFormat resolve(TextFormat format, const std::string& path) {
  if (format != TextFormat::by_extension) return format;
  return ends_with(path, ".jsonl") || ends_with(path, ".ndjson") ? TextFormat::jsonl : TextFormat::lines;
}

// Nothing a tokenizer would keep: separators (Zs, Zl, Zp), controls (Cc: tab, NEL, ...)
// and format characters (Cf: zero-width space, BOM, ...). `s` is valid UTF-8.
bool is_blank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(next_code_point(s, i)))) {
      case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
      case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: break;
      default: return false;
    }
  }
  return true;
}

void check_line_bytes(const LineReader& in, const std::string& line) {
  size_t bad = 0;
  if (!is_valid_utf8(line, &bad)) fail("{}:{}: invalid UTF-8 at byte {} of the line", in.path(), in.line_number(), bad);
  const size_t nul = line.find('\0');
  if (nul != std::string::npos) {
    fail("{}:{}: NUL byte at byte {} of the line (expected text; is this a binary file?)", in.path(), in.line_number(), nul);
  }
}

// The "text" of one JSONL record (the line is valid UTF-8 without NUL, and not blank).
std::string jsonl_text(const LineReader& in, const std::string& line) {
  // Depth-bounded; a syntax error or an out-of-range number names the file, line and byte.
  Json rec = parse_json_text(line, fmt::format("{}:{}", in.path(), in.line_number()));
  if (!rec.is_object()) fail("{}:{}: expected a JSON object with a string \"text\"", in.path(), in.line_number());
  auto it = rec.find("text");
  if (it == rec.end() || !it->is_string())
    fail("{}:{}: field 'text': expected a string (each line a JSON object with a string \"text\")", in.path(), in.line_number());
  std::string text = it->get_ref<const std::string&>();  // a copy sized to the text, unlike the parser's
  const size_t nul = text.find('\0');
  if (nul != std::string::npos) fail("{}:{}: field 'text': NUL character at byte {}", in.path(), in.line_number(), nul);
  if (is_blank(text)) fail("{}:{}: field 'text': empty text (only white space)", in.path(), in.line_number());
  return text;
}

}  // namespace

TextFormat parse_text_format(const std::string& name) {
  if (name == "text") return TextFormat::lines;
  if (name == "jsonl") return TextFormat::jsonl;
  fail("--format: expected \"text\" (one text per line) or \"jsonl\" (a \"text\" field per line), got \"{}\"", name);
}

TextReader::TextReader(const std::string& path, const TextInputOptions& options)
    : path_(path), options_(options), jsonl_(resolve(options.format, path) == TextFormat::jsonl),
      in_(std::make_unique<LineReader>(path, options.max_line_bytes, "--max-line-bytes")) {}

TextReader::~TextReader() = default;

size_t TextReader::count_lines_ahead(size_t max_bytes) { return in_->count_lines_ahead(max_bytes); }

bool TextReader::next(std::string& text) {
  LineReader& in = *in_;
  while (in.next(line_)) {
    if (in.bytes_consumed() > options_.max_input_bytes) {
      fail("{}:{}: input larger than the limit of {} bytes (--max-input-bytes raises it)", path_, in.line_number(),
           options_.max_input_bytes);
    }
    if (in.line_number() == 1 && line_.starts_with(kByteOrderMark)) line_.erase(0, kByteOrderMark.size());
    check_line_bytes(in, line_);
    if (is_blank(line_)) {
      if (first_blank_ == 0) first_blank_ = in.line_number();
      continue;  // an error only if a text follows: blank lines at the end are harmless
    }
    if (first_blank_ != 0) {
      fail("{}:{}: empty text: the line is blank (every line must hold one text; blank lines may only follow the last "
           "text)", path_, first_blank_);
    }
    if (count_ == options_.max_texts) {
      fail("{}:{}: more than the limit of {} texts (--max-texts raises it)", path_, in.line_number(), options_.max_texts);
    }
    // A copy sized to the text: the line buffer keeps its capacity for the next line.
    text = jsonl_ ? jsonl_text(in, line_) : std::string(line_);
    ++count_;
    return true;
  }
  if (count_ == 0) {
    fail("{}: no texts found (expected {})", path_,
         jsonl_ ? "one JSON object with a string \"text\" per line" : "one text per line");
  }
  return false;
}

std::vector<std::string> read_texts(const std::string& path, const TextInputOptions& options) {
  TextReader in(path, options);
  std::vector<std::string> texts;
  // Allocated once: growing the vector would hold its old and new arrays at once.
  texts.reserve(std::min(in.count_lines_ahead(options.max_input_bytes), options.max_texts));
  std::string text;
  while (in.next(text)) texts.push_back(std::move(text));
  return texts;
}

}  // namespace nsmlab
