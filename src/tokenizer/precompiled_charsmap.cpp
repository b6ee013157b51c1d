// SentencePiece's precompiled_charsmap: base64 of [u32 trie byte size][darts double-array
// trie over UTF-8 bytes][NUL-terminated replacement strings]. Applied per grapheme the way
// HF tokenizers does (whole grapheme first when shorter than 6 bytes, else char by char),
// so XLM-R/CamemBERT-style tokenizer.json files reproduce HF ids.
#include <utf8proc.h>

#include <algorithm>
#include <cstring>

#include "tokenizer/components.h"
#include "tokenizer/unicode_props.h"
#include "util/utf8.h"

namespace nsmlab::tok {

namespace {

bool base64_decode(const std::string& in, std::string& out) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=' || c == '\n' || c == '\r') continue;
    int v = val(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

class Precompiled : public Normalizer {
 public:
  Precompiled(std::vector<uint32_t> units, std::string strings) : units_(std::move(units)), strings_(std::move(strings)) {}

  void normalize(std::string& s) const override {
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    size_t i = 0;
    while (i < s.size()) {
      size_t g_end = grapheme_end(s, i);
      std::string_view g(s.data() + i, g_end - i);
      std::string_view rep;
      if (g.size() < 6 && transform(g, rep)) {
        out.append(rep);
      } else {
        for (size_t k = 0; k < g.size();) {
          size_t len = char_len(g, k);
          std::string_view ch = g.substr(k, len);
          if (transform(ch, rep)) out.append(rep);
          else out.append(ch);
          k += len;
        }
      }
      i = g_end;
    }
    s.swap(out);
  }
  std::string describe() const override { return "Precompiled"; }

 private:
  static size_t grapheme_end(const std::string& s, size_t i) {
    utf8proc_int32_t state = 0;
    size_t j = i;
    char32_t prev = decode_at(s, j);
    while (j < s.size()) {
      size_t k = j;
      char32_t c = decode_at(s, k);
      if (utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(prev), static_cast<utf8proc_int32_t>(c), &state)) break;
      prev = c;
      j = k;
    }
    return j;
  }

  // HF takes the first (shortest) prefix match of the chunk in the trie.
  bool transform(std::string_view chunk, std::string_view& rep) const {
    if (units_.empty()) return false;
    auto offset = [](uint32_t u) { return (u >> 10) << ((u & (1u << 9)) >> 6); };
    size_t pos = offset(units_[0]);
    for (unsigned char c : chunk) {
      if (c == 0) return false;
      pos ^= c;
      if (pos >= units_.size()) return false;
      uint32_t u = units_[pos];
      if ((u & ((1u << 31) | 0xFFu)) != c) return false;
      pos ^= offset(u);
      if (pos >= units_.size()) return false;
      if ((u >> 8) & 1u) {
        size_t at = units_[pos] & ((1u << 31) - 1);
        // The strings were checked at load to be valid UTF-8 between NULs, so starting on
        // a character boundary keeps the replacement valid.
        if (at >= strings_.size() || (static_cast<unsigned char>(strings_[at]) & 0xC0) == 0x80) return false;
        const char* p = strings_.data() + at;
        rep = std::string_view(p, strnlen(p, strings_.size() - at));
        return true;
      }
    }
    return false;
  }

  std::vector<uint32_t> units_;
  std::string strings_;
};

}  // namespace

std::unique_ptr<Normalizer> make_precompiled(const Json& j, const Where& w) {
  auto b64 = optional<std::string>(j, w, "precompiled_charsmap", "");
  std::string blob;
  if (!base64_decode(b64, blob)) w.at("precompiled_charsmap").fail_here("expected base64 data");
  if (blob.empty()) return std::make_unique<Precompiled>(std::vector<uint32_t>{}, std::string{});
  if (blob.size() < 4) w.at("precompiled_charsmap").fail_here("too short for a trie size");
  uint32_t trie_bytes = 0;
  for (int k = 3; k >= 0; --k) trie_bytes = (trie_bytes << 8) | static_cast<unsigned char>(blob[static_cast<size_t>(k)]);
  if (trie_bytes % 4 != 0 || 4 + static_cast<size_t>(trie_bytes) > blob.size())
    w.at("precompiled_charsmap").fail_here("trie size " + std::to_string(trie_bytes) + " does not fit the blob");
  std::vector<uint32_t> units(trie_bytes / 4);
  for (size_t u = 0; u < units.size(); ++u) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(blob.data()) + 4 + 4 * u;
    units[u] = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
  }
  std::string strings = blob.substr(4 + trie_bytes);
  // Replacements end up in the text the model sees, which must stay valid UTF-8.
  for (size_t at = 0; at < strings.size();) {
    size_t end = std::min(strings.find('\0', at), strings.size()), bad = 0;
    if (!is_valid_utf8(std::string_view(strings).substr(at, end - at), &bad))
      w.at("precompiled_charsmap").fail_here("replacement string at byte " + std::to_string(at) + " is not valid UTF-8 (byte " +
                                             std::to_string(at + bad) + ")");
    at = end + 1;
  }
  return std::make_unique<Precompiled>(std::move(units), std::move(strings));
}

}  // namespace nsmlab::tok
