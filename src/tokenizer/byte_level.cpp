#include "tokenizer/byte_level.h"

#include <array>

#include "tokenizer/split_behavior.h"
#include "tokenizer/unicode_props.h"
#include "util/utf8.h"

namespace nsmlab::tok {

namespace {

const std::array<std::string, 256>& byte_map() {
  static const std::array<std::string, 256> map = [] {
    std::array<std::string, 256> m;
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
      bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
      append_utf8(m[static_cast<size_t>(b)], printable ? static_cast<char32_t>(b) : next++);
    }
    return m;
  }();
  return map;
}

char32_t peek(std::string_view s, size_t i, size_t* next = nullptr) {
  size_t k = i;
  char32_t c = decode_at(s, k);
  if (next) *next = k;
  return c;
}

}  // namespace

std::string bytes_to_unicode(std::string_view s) {
  const auto& m = byte_map();
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char b : s) out += m[b];
  return out;
}

std::vector<std::pair<size_t, size_t>> gpt2_split(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = 0, n = s.size();
  auto run = [&](size_t j, auto pred) {
    while (j < n) {
      size_t k;
      if (!pred(peek(s, j, &k))) break;
      j = k;
    }
    return j;
  };
  auto other = [](char32_t c) { return !is_whitespace(c) && !is_letter(c) && !is_number(c); };
  while (i < n) {
    if (s[i] == '\'' && i + 1 < n) {
      char a = s[i + 1], b = i + 2 < n ? s[i + 2] : '\0';
      size_t len = 0;
      if (a == 's' || a == 't' || a == 'm' || a == 'd') len = 2;
      else if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) len = 3;
      if (len) { out.push_back({i, i + len}); i += len; continue; }
    }
    size_t j = s[i] == ' ' ? i + 1 : i;
    if (j < n) {
      char32_t c = peek(s, j);
      size_t e = j;
      if (is_letter(c)) e = run(j, is_letter);
      else if (is_number(c)) e = run(j, is_number);
      else if (other(c)) e = run(j, other);
      if (e > j) { out.push_back({i, e}); i = e; continue; }
    }
    // Whitespace: \s+(?!\S) leaves the last space to start the next word.
    size_t e = run(i, is_whitespace);
    if (e == i) { size_t k; peek(s, i, &k); e = k; }  // unreachable for valid input; keep progress
    else if (e < n) {
      size_t last = e - 1;
      while (last > i && (static_cast<unsigned char>(s[last]) & 0xC0) == 0x80) --last;
      if (last > i) e = last;
    }
    out.push_back({i, e});
    i = e;
  }
  return out;
}

namespace {

class ByteLevel : public PreTokenizer {
 public:
  ByteLevel(bool prefix, bool regex) : prefix_(prefix), regex_(regex) {}
  void pre_tokenize(std::vector<Piece>& pieces) const override {
    std::vector<Piece> out;
    for (auto& p : pieces) {
      Piece q = p;
      if (prefix_ && (q.text.empty() || q.text[0] != ' ')) q.text.insert(0, " ");
      size_t first = out.size();
      if (regex_) split_piece(q, gpt2_split(q.text), SplitBehavior::Isolated, false, out);
      else if (!q.text.empty()) out.push_back(q);
      for (size_t k = first; k < out.size(); ++k) out[k].text = bytes_to_unicode(out[k].text);
    }
    pieces.swap(out);
  }
  std::string describe() const override { return "ByteLevel"; }

 private:
  bool prefix_, regex_;
};

}  // namespace

std::unique_ptr<PreTokenizer> make_byte_level(const Json& j, const Where& w) {
  return std::make_unique<ByteLevel>(optional<bool>(j, w, "add_prefix_space", true), optional<bool>(j, w, "use_regex", true));
}

}  // namespace nsmlab::tok
