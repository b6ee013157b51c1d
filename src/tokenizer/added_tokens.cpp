#include "tokenizer/added_tokens.h"

#include <algorithm>

#include "tokenizer/unicode_props.h"

namespace nsmlab::tok {

AddedTokenMatcher::AddedTokenMatcher(std::vector<AddedToken> tokens, std::vector<std::string> patterns)
    : tokens_(std::move(tokens)), patterns_(std::move(patterns)) {
  std::vector<ByteTrie::Entry> entries;
  for (size_t i = 0; i < patterns_.size(); ++i) entries.push_back({patterns_[i], static_cast<int32_t>(i)});
  trie_ = ByteTrie(std::move(entries));  // a repeated pattern keeps its first token
}

namespace {

char32_t last_char(std::string_view s) {
  size_t st = s.size() - 1;
  while (st > 0 && (static_cast<unsigned char>(s[st]) & 0xC0) == 0x80) --st;
  return decode_at(s, st);
}

}  // namespace

void AddedTokenMatcher::split(std::string_view text, std::vector<Segment>& out) const {
  if (trie_.empty()) {
    if (!text.empty()) out.push_back({0, text.size(), -1});
    return;
  }
  size_t emitted = 0;  // end of the last segment pushed
  size_t i = 0;
  while (i < text.size()) {
    auto [len, found] = trie_.longest_prefix(text.substr(i));
    if (len == 0) { ++i; continue; }
    const AddedToken& t = tokens_[static_cast<size_t>(found)];
    size_t start = i, stop = i + len;
    if (t.single_word) {
      bool left_ok = start == 0 || !is_alphanumeric(last_char(text.substr(0, start)));
      size_t k = stop;
      bool right_ok = stop == text.size() || !is_alphanumeric(decode_at(text, k));
      if (!left_ok || !right_ok) { i = stop; continue; }  // HF's non-overlapping search resumes after the match
    }
    if (t.lstrip) {
      while (start > emitted) {
        size_t st = start - 1;
        while (st > emitted && (static_cast<unsigned char>(text[st]) & 0xC0) == 0x80) --st;
        size_t k = st;
        if (!is_whitespace(decode_at(text, k))) break;
        start = st;
      }
    }
    size_t next = stop;  // matching resumes after the token itself
    if (t.rstrip) {
      while (stop < text.size()) {
        size_t k = stop;
        if (!is_whitespace(decode_at(text, k))) break;
        stop = k;
      }
      next = stop;
    }
    if (start > emitted) out.push_back({emitted, start, -1});
    out.push_back({start, stop, t.id});
    emitted = stop;
    i = next;
  }
  if (emitted < text.size()) out.push_back({emitted, text.size(), -1});
}

std::vector<AddedToken> parse_added_tokens(const Json& list, const Where& w, size_t id_limit) {
  std::vector<AddedToken> out;
  if (list.is_null()) return out;
  if (!list.is_array()) w.fail_here("expected an array");
  for (size_t i = 0; i < list.size(); ++i) {
    Where wi = w.at(i);
    AddedToken t;
    t.content = require<std::string>(list[i], wi, "content");
    t.id = checked_id(field(list[i], wi, "id"), wi.at("id"), id_limit);
    t.single_word = optional<bool>(list[i], wi, "single_word", false);
    t.lstrip = optional<bool>(list[i], wi, "lstrip", false);
    t.rstrip = optional<bool>(list[i], wi, "rstrip", false);
    t.special = optional<bool>(list[i], wi, "special", false);
    t.normalized = optional<bool>(list[i], wi, "normalized", !t.special);
    if (t.content.empty()) wi.at("content").fail_here("expected a non-empty token");
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace nsmlab::tok
