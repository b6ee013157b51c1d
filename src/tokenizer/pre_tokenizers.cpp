// Pre-tokenizers of HF tokenizers (ByteLevel lives in byte_level.cpp).
#include <re2/re2.h>

#include "tokenizer/byte_level.h"
#include "tokenizer/components.h"
#include "tokenizer/regex_pattern.h"
#include "tokenizer/split_behavior.h"
#include "tokenizer/unicode_props.h"

namespace nsmlab::tok {

namespace {

using Ranges = std::vector<std::pair<size_t, size_t>>;

// Every character for which pred holds is its own match (HF's char-predicate pattern).
template <typename Pred>
void char_matches(std::string_view s, Pred pred, Ranges& out) {
  out.clear();
  for (size_t i = 0; i < s.size();) {
    size_t st = i;
    if (pred(decode_at(s, i))) out.push_back({st, i});
  }
}

// Applies a per-piece split to every piece.
template <typename F>
void for_each_split(std::vector<Piece>& pieces, F split) {
  std::vector<Piece> out;
  out.reserve(pieces.size() * 2);
  Ranges m;
  for (auto& p : pieces) split(p, m, out);
  pieces.swap(out);
}

class BertPre : public PreTokenizer {
 public:
  void pre_tokenize(std::vector<Piece>& pieces) const override {
    for_each_split(pieces, [](const Piece& p, Ranges& m, std::vector<Piece>& out) {
      char_matches(p.text, is_whitespace, m);
      std::vector<Piece> words;
      split_piece(p, m, SplitBehavior::Removed, false, words);
      for (auto& w : words) {
        char_matches(w.text, is_punctuation, m);
        split_piece(w, m, SplitBehavior::Isolated, false, out);
      }
    });
  }
  std::string describe() const override { return "BertPreTokenizer"; }
};

class CharSplit : public PreTokenizer {
 public:
  CharSplit(bool (*pred)(char32_t), SplitBehavior b, std::string name) : pred_(pred), b_(b), name_(std::move(name)) {}
  void pre_tokenize(std::vector<Piece>& pieces) const override {
    for_each_split(pieces, [this](const Piece& p, Ranges& m, std::vector<Piece>& out) {
      char_matches(p.text, pred_, m);
      split_piece(p, m, b_, false, out);
    });
  }
  std::string describe() const override { return name_; }

 private:
  bool (*pred_)(char32_t);
  SplitBehavior b_;
  std::string name_;
};

// \w+|[^\w\s]+ kept, the rest dropped.
class WhitespacePre : public PreTokenizer {
 public:
  void pre_tokenize(std::vector<Piece>& pieces) const override {
    for_each_split(pieces, [](const Piece& p, Ranges& m, std::vector<Piece>& out) {
      m.clear();
      int cur = 0;  // 0 none, 1 word run, 2 other run
      size_t start = 0;
      for (size_t i = 0; i < p.text.size();) {
        size_t st = i;
        char32_t c = decode_at(p.text, i);
        int k = is_word_char(c) ? 1 : is_whitespace(c) ? 0 : 2;
        if (k != cur) {
          if (cur) m.push_back({start, st});
          cur = k;
          start = st;
        }
      }
      if (cur) m.push_back({start, p.text.size()});
      split_piece(p, m, SplitBehavior::Removed, true, out);
    });
  }
  std::string describe() const override { return "Whitespace"; }
};

class Metaspace : public PreTokenizer {
 public:
  enum class Prepend { Always, First, Never };
  Metaspace(std::string rep, Prepend pre, bool split) : rep_(std::move(rep)), pre_(pre), split_(split) {}
  void pre_tokenize(std::vector<Piece>& pieces) const override {
    for_each_split(pieces, [this](const Piece& p, Ranges& m, std::vector<Piece>& out) {
      Piece q{std::string(), p.at_start};
      q.text.reserve(p.text.size() + 8);
      for (char c : p.text) {
        if (c == ' ') q.text += rep_;
        else q.text += c;
      }
      bool starts = q.text.compare(0, rep_.size(), rep_) == 0;
      if (!starts && (pre_ == Prepend::Always || (pre_ == Prepend::First && q.at_start))) q.text.insert(0, rep_);
      if (!split_) {
        if (!q.text.empty()) out.push_back(std::move(q));
        return;
      }
      m.clear();
      for (size_t pos = q.text.find(rep_); pos != std::string::npos; pos = q.text.find(rep_, pos + rep_.size()))
        m.push_back({pos, pos + rep_.size()});
      split_piece(q, m, SplitBehavior::MergedWithNext, false, out);
    });
  }
  std::string describe() const override { return "Metaspace"; }

 private:
  std::string rep_;
  Prepend pre_;
  bool split_;
};

class SplitPre : public PreTokenizer {
 public:
  SplitPre(std::unique_ptr<RE2> re, SplitBehavior b, bool invert) : re_(std::move(re)), b_(b), invert_(invert) {}
  void pre_tokenize(std::vector<Piece>& pieces) const override {
    for_each_split(pieces, [this](const Piece& p, Ranges& m, std::vector<Piece>& out) {
      m.clear();
      re2::StringPiece in(p.text), match;
      size_t pos = 0;
      while (pos <= p.text.size() && re_->Match(in, pos, p.text.size(), RE2::UNANCHORED, &match, 1)) {
        size_t s = static_cast<size_t>(match.data() - p.text.data()), e = s + match.size();
        if (e == s) {  // empty match: step over one character
          pos = s + (s < p.text.size() ? char_len(p.text, s) : 1);
          continue;
        }
        m.push_back({s, e});
        pos = e;
      }
      split_piece(p, m, b_, invert_, out);
    });
  }
  std::string describe() const override { return "Split"; }

 private:
  std::unique_ptr<RE2> re_;
  SplitBehavior b_;
  bool invert_;
};

class SequencePre : public PreTokenizer {
 public:
  explicit SequencePre(std::vector<std::unique_ptr<PreTokenizer>> parts) : parts_(std::move(parts)) {}
  void pre_tokenize(std::vector<Piece>& pieces) const override {
    for (auto& p : parts_) p->pre_tokenize(pieces);
  }
  std::string describe() const override {
    std::string d = "Sequence[";
    for (size_t i = 0; i < parts_.size(); ++i) d += (i ? "," : "") + parts_[i]->describe();
    return d + "]";
  }

 private:
  std::vector<std::unique_ptr<PreTokenizer>> parts_;
};

bool is_digit_char(char32_t c) { return is_numeric(c); }

}  // namespace

std::unique_ptr<PreTokenizer> make_pre_tokenizer(const Json& j, const Where& w, size_t depth) {
  check_nesting(depth, w);
  std::string type = type_of(j, w);
  if (type == "BertPreTokenizer") return std::make_unique<BertPre>();
  if (type == "Whitespace") return std::make_unique<WhitespacePre>();
  if (type == "WhitespaceSplit") return std::make_unique<CharSplit>(is_whitespace, SplitBehavior::Removed, "WhitespaceSplit");
  if (type == "Punctuation")
    return std::make_unique<CharSplit>(is_punctuation, parse_behavior(optional<std::string>(j, w, "behavior", "Isolated"), w.at("behavior")),
                                       "Punctuation");
  if (type == "Digits")
    return std::make_unique<CharSplit>(is_digit_char,
                                       optional<bool>(j, w, "individual_digits", false) ? SplitBehavior::Isolated : SplitBehavior::Contiguous,
                                       "Digits");
  if (type == "ByteLevel") return make_byte_level(j, w);
  if (type == "Metaspace") {
    std::string rep = optional<std::string>(j, w, "replacement", "\xE2\x96\x81");
    if (rep.empty()) w.at("replacement").fail_here("expected a non-empty string");
    auto pre = Metaspace::Prepend::Always;
    if (j.contains("prepend_scheme") && !j["prepend_scheme"].is_null()) {
      auto s = require<std::string>(j, w, "prepend_scheme");
      if (s == "always") pre = Metaspace::Prepend::Always;
      else if (s == "first") pre = Metaspace::Prepend::First;
      else if (s == "never") pre = Metaspace::Prepend::Never;
      else w.at("prepend_scheme").fail_here("expected always/first/never, got '" + s + "'");
    } else if (!optional<bool>(j, w, "add_prefix_space", true)) {
      pre = Metaspace::Prepend::Never;
    }
    return std::make_unique<Metaspace>(rep, pre, optional<bool>(j, w, "split", true));
  }
  if (type == "Split") {
    return std::make_unique<SplitPre>(compile_pattern(field(j, w, "pattern"), w.at("pattern")),
                                      parse_behavior(require<std::string>(j, w, "behavior"), w.at("behavior")),
                                      optional<bool>(j, w, "invert", false));
  }
  if (type == "Sequence") {
    const Json& list = field(j, w, "pretokenizers");
    if (!list.is_array()) w.at("pretokenizers").fail_here("expected an array");
    std::vector<std::unique_ptr<PreTokenizer>> parts;
    for (size_t i = 0; i < list.size(); ++i) parts.push_back(make_pre_tokenizer(list[i], w.at("pretokenizers").at(i), depth + 1));
    return std::make_unique<SequencePre>(std::move(parts));
  }
  w.at("type").fail_here("unknown pre_tokenizer type '" + type + "'");
}

}  // namespace nsmlab::tok
