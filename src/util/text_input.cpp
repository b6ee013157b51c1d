#include "util/text_input.h"

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/utf8.h"

namespace nsmlab {

namespace {
bool ends_with(const std::string& s, const std::string& suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}
}  // namespace

std::vector<std::string> read_texts(const std::string& path, const TextInputLimits& limits) {
  std::string all = read_file(path);
  size_t first = all.find_first_not_of(" \t\r\n");
  bool jsonl = ends_with(path, ".jsonl") || ends_with(path, ".ndjson") || (first != std::string::npos && all[first] == '{');
  std::vector<std::string> texts;
  size_t pos = 0, lineno = 0;
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    std::string line = all.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? all.size() : nl + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t bad = 0;
    if (!is_valid_utf8(line, &bad)) fail("{}:{}: invalid UTF-8 at byte {} of the line", path, lineno, bad);
    if (line.size() > limits.max_bytes_per_text)
      fail("{}:{}: line is {} bytes, over the limit of {} bytes per text", path, lineno, line.size(), limits.max_bytes_per_text);
    if (jsonl) {
      if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines between records are harmless
      Json rec;
      try {
        rec = Json::parse(line);
      } catch (const nlohmann::json::parse_error& e) {
        fail("{}:{}: invalid JSON: {}", path, lineno, e.what());
      }
      if (!rec.is_object() || !rec.contains("text") || !rec["text"].is_string())
        fail("{}:{}: field 'text': expected a JSON object with a string \"text\"", path, lineno);
      line = rec["text"].get<std::string>();
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!jsonl && pos >= all.size() && line.empty()) break;  // trailing newline at end of file
      fail("{}:{}: empty text (every line must hold one text to embed)", path, lineno);
    }
    texts.push_back(std::move(line));
  }
  if (texts.empty()) fail("{}: no texts found (expected one text per line, or JSONL with a \"text\" field)", path);
  return texts;
}

}  // namespace nsmlab
