#include "tokenizer/regex_pattern.h"

namespace nsmlab::tok {

namespace {
// Rust's \s is Unicode White_Space, RE2's is ASCII only.
constexpr const char* kSpace = "\\t\\n\\x0B\\f\\r\\x{85}\\p{Z}";
constexpr const char* kWord = "\\p{L}\\p{M}\\p{Nd}\\p{Nl}\\p{Pc}";
}  // namespace

std::string rust_regex_to_re2(const std::string& p) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      char n = p[++i];
      const char* cls = n == 's' || n == 'S' ? kSpace : n == 'w' || n == 'W' ? kWord : n == 'd' || n == 'D' ? "\\p{Nd}" : nullptr;
      if (cls && (n == 's' || n == 'w' || n == 'd')) {
        out += in_class ? std::string(cls) : "[" + std::string(cls) + "]";
      } else if (cls && !in_class) {
        out += "[^" + std::string(cls) + "]";
      } else {
        out += c;
        out += n;
      }
      continue;
    }
    if (c == '[' && !in_class) in_class = true;
    else if (c == ']' && in_class) in_class = false;
    out += c;
  }
  return out;
}

std::unique_ptr<RE2> compile_pattern(const Json& pattern, const Where& w) {
  if (!pattern.is_object()) w.fail_here("expected {\"String\": ...} or {\"Regex\": ...}");
  RE2::Options opt;
  opt.set_log_errors(false);
  std::string re;
  if (pattern.contains("String")) {
    re = RE2::QuoteMeta(require<std::string>(pattern, w, "String"));
  } else if (pattern.contains("Regex")) {
    std::string rust = require<std::string>(pattern, w, "Regex");
    // RE2's \C matches a single byte and would cut characters in two (invalid UTF-8 that
    // the models index by); Rust's regex has no such escape.
    for (size_t i = 0; i + 1 < rust.size(); ++i)
      if (rust[i] == '\\' && rust[++i] == 'C') w.at("Regex").fail_here("\\C (any single byte) is not supported: it splits UTF-8 characters");
    re = rust_regex_to_re2(rust);
  } else {
    w.fail_here("expected {\"String\": ...} or {\"Regex\": ...}");
  }
  auto r = std::make_unique<RE2>(re, opt);
  if (!r->ok()) w.fail_here("regex not supported: " + r->error());
  return r;
}

}  // namespace nsmlab::tok
