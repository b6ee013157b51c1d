// Normalizers of HF tokenizers (Precompiled lives in precompiled_charsmap.cpp).
#include <re2/re2.h>
#include <utf8proc.h>

#include <cstdlib>

#include "tokenizer/components.h"
#include "tokenizer/regex_pattern.h"
#include "tokenizer/unicode_props.h"
#include "util/utf8.h"

namespace nsmlab::tok {

namespace {

void nfd_strip_marks(std::string& s);

class BertNormalizer : public Normalizer {
 public:
  BertNormalizer(bool clean, bool chinese, bool strip, bool lower) : clean_(clean), chinese_(chinese), strip_(strip), lower_(lower) {}
  void normalize(std::string& s) const override {
    if (clean_ || chinese_) {
      std::string out;
      out.reserve(s.size() + 8);
      for (size_t i = 0; i < s.size();) {
        char32_t c = decode_at(s, i);
        if (clean_) {
          if (c == 0 || c == 0xFFFD || is_control(c)) continue;
          if (is_whitespace(c)) c = ' ';
        }
        if (chinese_ && is_chinese_char(c)) {
          out += ' ';
          append_utf8(out, c);
          out += ' ';
        } else {
          append_utf8(out, c);
        }
      }
      s.swap(out);
    }
    if (strip_) nfd_strip_marks(s);
    if (lower_) {
      std::string out;
      out.reserve(s.size());
      for (size_t i = 0; i < s.size();) append_lowercase(out, decode_at(s, i));
      s.swap(out);
    }
  }
  std::string describe() const override {
    std::string opts;
    auto add = [&](bool on, const char* n) { if (on) opts += opts.empty() ? n : std::string(",") + n; };
    add(lower_, "lowercase");
    add(strip_, "strip_accents");
    return "BertNormalizer(" + opts + ")";
  }

 private:
  bool clean_, chinese_, strip_, lower_;
};

enum class Form { NFC, NFD, NFKC, NFKD };
std::string unicode_form(const std::string& s, Form f) {
  int opts = UTF8PROC_STABLE | (f == Form::NFC || f == Form::NFKC ? UTF8PROC_COMPOSE : UTF8PROC_DECOMPOSE) |
             (f == Form::NFKC || f == Form::NFKD ? UTF8PROC_COMPAT : 0);
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out,
                        static_cast<utf8proc_option_t>(opts));
  if (n < 0) return s;  // input was validated; keep it unchanged rather than fail mid-encode
  std::string r(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return r;
}

void nfd_strip_marks(std::string& s) {
  std::string d = unicode_form(s, Form::NFD), out;
  out.reserve(d.size());
  for (size_t i = 0; i < d.size();) {
    char32_t c = decode_at(d, i);
    if (!is_mark_nonspacing(c)) append_utf8(out, c);
  }
  s.swap(out);
}

class UnicodeNormalizer : public Normalizer {
 public:
  UnicodeNormalizer(Form f, std::string name) : f_(f), name_(std::move(name)) {}
  void normalize(std::string& s) const override { s = unicode_form(s, f_); }
  std::string describe() const override { return name_; }

 private:
  Form f_;
  std::string name_;
};

class Lowercase : public Normalizer {
 public:
  void normalize(std::string& s) const override {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) append_lowercase(out, decode_at(s, i));
    s.swap(out);
  }
  std::string describe() const override { return "Lowercase"; }
};

// HF StripAccents only drops non-spacing marks; it does not decompose first.
class StripAccents : public Normalizer {
 public:
  void normalize(std::string& s) const override {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
      char32_t c = decode_at(s, i);
      if (!is_mark_nonspacing(c)) append_utf8(out, c);
    }
    s.swap(out);
  }
  std::string describe() const override { return "StripAccents"; }
};

class Replace : public Normalizer {
 public:
  Replace(std::unique_ptr<RE2> re, std::string content) : re_(std::move(re)), content_(std::move(content)) {
    // RE2 rewrite strings treat backslash specially; HF's content is literal.
    for (char c : content_) {
      if (c == '\\') rewrite_ += '\\';
      rewrite_ += c;
    }
  }
  void normalize(std::string& s) const override { RE2::GlobalReplace(&s, *re_, rewrite_); }
  std::string describe() const override { return "Replace"; }

 private:
  std::unique_ptr<RE2> re_;
  std::string content_, rewrite_;
};

class Strip : public Normalizer {
 public:
  Strip(bool left, bool right) : left_(left), right_(right) {}
  void normalize(std::string& s) const override {
    size_t b = 0, e = s.size();
    if (left_) {
      while (b < e) {
        size_t i = b;
        if (!is_whitespace(decode_at(s, i))) break;
        b = i;
      }
    }
    if (right_) {
      while (e > b) {
        size_t st = e - 1;
        while (st > b && (static_cast<unsigned char>(s[st]) & 0xC0) == 0x80) --st;
        size_t i = st;
        if (!is_whitespace(decode_at(s, i))) break;
        e = st;
      }
    }
    s = s.substr(b, e - b);
  }
  std::string describe() const override { return "Strip"; }

 private:
  bool left_, right_;
};

class Prepend : public Normalizer {
 public:
  explicit Prepend(std::string p) : p_(std::move(p)) {}
  void normalize(std::string& s) const override {
    if (!s.empty()) s.insert(0, p_);
  }
  std::string describe() const override { return "Prepend"; }

 private:
  std::string p_;
};

class SequenceNormalizer : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> parts) : parts_(std::move(parts)) {}
  void normalize(std::string& s) const override {
    for (auto& p : parts_) p->normalize(s);
  }
  std::string describe() const override {
    std::string d = "Sequence[";
    for (size_t i = 0; i < parts_.size(); ++i) d += (i ? "," : "") + parts_[i]->describe();
    return d + "]";
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> parts_;
};

}  // namespace

std::unique_ptr<Normalizer> make_normalizer(const Json& j, const Where& w, size_t depth) {
  check_nesting(depth, w);
  std::string type = type_of(j, w);
  if (type == "BertNormalizer") {
    bool lower = optional<bool>(j, w, "lowercase", true);
    bool strip = optional<bool>(j, w, "strip_accents", lower);  // null means "follow lowercase"
    return std::make_unique<BertNormalizer>(optional<bool>(j, w, "clean_text", true), optional<bool>(j, w, "handle_chinese_chars", true),
                                            strip, lower);
  }
  if (type == "NFC") return std::make_unique<UnicodeNormalizer>(Form::NFC, type);
  if (type == "NFD") return std::make_unique<UnicodeNormalizer>(Form::NFD, type);
  if (type == "NFKC") return std::make_unique<UnicodeNormalizer>(Form::NFKC, type);
  if (type == "NFKD") return std::make_unique<UnicodeNormalizer>(Form::NFKD, type);
  if (type == "Lowercase") return std::make_unique<Lowercase>();
  if (type == "StripAccents") return std::make_unique<StripAccents>();
  if (type == "Replace") {
    return std::make_unique<Replace>(compile_pattern(field(j, w, "pattern"), w.at("pattern")), require<std::string>(j, w, "content"));
  }
  if (type == "Strip") return std::make_unique<Strip>(optional<bool>(j, w, "strip_left", true), optional<bool>(j, w, "strip_right", true));
  if (type == "Prepend") return std::make_unique<Prepend>(require<std::string>(j, w, "prepend"));
  if (type == "Precompiled") return make_precompiled(j, w);
  if (type == "Sequence") {
    const Json& list = field(j, w, "normalizers");
    if (!list.is_array()) w.at("normalizers").fail_here("expected an array");
    std::vector<std::unique_ptr<Normalizer>> parts;
    for (size_t i = 0; i < list.size(); ++i) parts.push_back(make_normalizer(list[i], w.at("normalizers").at(i), depth + 1));
    return std::make_unique<SequenceNormalizer>(std::move(parts));
  }
  w.at("type").fail_here("unknown normalizer type '" + type + "'");
}

}  // namespace nsmlab::tok
