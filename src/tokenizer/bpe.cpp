// BPE: each word starts as characters and the lowest-ranked merge is applied until none
// is left (GPT-2, RoBERTa). Dropout is ignored: inference is deterministic.
#include <cstdio>
#include <queue>
#include <unordered_map>

#include "tokenizer/components.h"
#include "tokenizer/unicode_props.h"
#include "tokenizer/vocab.h"

namespace nsmlab::tok {

namespace {

class Bpe : public Model {
 public:
  struct Config {
    std::optional<std::string> unk;
    std::string prefix, suffix;
    bool fuse_unk = false, byte_fallback = false, ignore_merges = false;
  };
  Bpe(Vocab v, std::unordered_map<uint64_t, std::pair<int32_t, int32_t>> merges, Config c)
      : v_(std::move(v)), merges_(std::move(merges)), c_(std::move(c)) {}

  void tokenize(std::string_view word, std::vector<Token>& out) const override {
    if (c_.ignore_merges) {
      if (auto id = v_.find(word)) { out.push_back({*id, std::string(word)}); return; }
    }
    struct Sym { int32_t id; bool unk; };
    std::vector<Sym> syms;
    std::string buf;
    for (size_t i = 0; i < word.size();) {
      size_t st = i;
      i += char_len(word, i);
      buf.clear();
      if (st > 0) buf += c_.prefix;
      buf.append(word.substr(st, i - st));
      if (i >= word.size()) buf += c_.suffix;
      if (auto id = v_.find(buf)) { syms.push_back({*id, false}); continue; }
      if (c_.byte_fallback) {
        size_t before = syms.size();
        char name[8];
        bool ok = true;
        for (size_t k = st; k < i && ok; ++k) {
          std::snprintf(name, sizeof name, "<0x%02X>", static_cast<unsigned char>(word[k]));
          if (auto id = v_.find(name)) syms.push_back({*id, false});
          else ok = false;
        }
        if (ok) continue;
        syms.resize(before);
      }
      if (!c_.unk) throw Error("BPE: text needs the unknown token but the model has no unk_token");
      auto unk_id = v_.find(*c_.unk);
      if (!unk_id) throw Error("BPE: unk_token '" + *c_.unk + "' is not in the vocabulary");
      if (c_.fuse_unk && !syms.empty() && syms.back().unk) continue;
      syms.push_back({*unk_id, true});
    }
    // Merge the lowest-ranked adjacent pair (leftmost on ties) until none applies. A heap
    // of candidate pairs over a linked list of symbols (as HF does) makes a word
    // O(n log n); rescanning the word after every merge was quadratic.
    const size_t n = syms.size();
    std::vector<size_t> next(n), prev(n);
    std::vector<bool> alive(n, true);
    for (size_t k = 0; k < n; ++k) {
      next[k] = k + 1;  // n: none
      prev[k] = k - 1;  // SIZE_MAX: none
    }
    struct Pair {
      int32_t rank;
      size_t pos;  // the left symbol; positions keep their left-to-right order
      int32_t left, right, merged;
      bool operator>(const Pair& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Pair, std::vector<Pair>, std::greater<>> heap;
    auto consider = [&](size_t a) {
      if (a >= n || next[a] >= n) return;
      auto it = merges_.find(key(syms[a].id, syms[next[a]].id));
      if (it != merges_.end()) heap.push({it->second.first, a, syms[a].id, syms[next[a]].id, it->second.second});
    };
    for (size_t k = 0; k + 1 < n; ++k) consider(k);
    while (!heap.empty()) {
      Pair p = heap.top();
      heap.pop();
      // Stale when a neighbour changed since it was pushed; a fresh entry was pushed then.
      if (!alive[p.pos] || next[p.pos] >= n || syms[p.pos].id != p.left || syms[next[p.pos]].id != p.right) continue;
      size_t r = next[p.pos];
      syms[p.pos] = {p.merged, false};
      alive[r] = false;
      next[p.pos] = next[r];
      if (next[r] < n) prev[next[r]] = p.pos;
      consider(prev[p.pos]);
      consider(p.pos);
    }
    size_t kept = 0;
    for (size_t k = 0; k < n; ++k)
      if (alive[k]) syms[kept++] = syms[k];
    syms.resize(kept);
    for (auto& s : syms) out.push_back({s.id, v_.token(s.id)});
  }
  size_t vocab_size() const override { return v_.id_bound(); }
  std::optional<int32_t> token_to_id(std::string_view t) const override { return v_.find(t); }
  std::string name() const override { return "BPE"; }

  static uint64_t key(int32_t a, int32_t b) { return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b); }

 private:
  Vocab v_;
  std::unordered_map<uint64_t, std::pair<int32_t, int32_t>> merges_;  // (a,b) -> (rank, merged id)
  Config c_;
};

}  // namespace

std::unique_ptr<Model> make_bpe(const Json& j, const Where& w, size_t extra_ids) {
  Vocab v = parse_vocab_object(j, w, extra_ids);
  Bpe::Config c;
  if (j.contains("unk_token") && !j["unk_token"].is_null()) c.unk = require<std::string>(j, w, "unk_token");
  c.prefix = optional<std::string>(j, w, "continuing_subword_prefix", "");
  c.suffix = optional<std::string>(j, w, "end_of_word_suffix", "");
  c.fuse_unk = optional<bool>(j, w, "fuse_unk", false);
  c.byte_fallback = optional<bool>(j, w, "byte_fallback", false);
  c.ignore_merges = optional<bool>(j, w, "ignore_merges", false);

  const Json& merges = field(j, w, "merges");
  if (!merges.is_array()) w.at("merges").fail_here("expected an array");
  std::unordered_map<uint64_t, std::pair<int32_t, int32_t>> table;
  table.reserve(merges.size());
  for (size_t r = 0; r < merges.size(); ++r) {
    const Json& m = merges[r];
    std::string a, b;
    if (m.is_string()) {  // "a b"
      auto s = m.get<std::string>();
      auto sp = s.find(' ');
      if (sp == std::string::npos) w.at("merges").at(r).fail_here("expected \"a b\"");
      a = s.substr(0, sp);
      b = s.substr(sp + 1);
    } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {  // ["a", "b"]
      a = m[0].get<std::string>();
      b = m[1].get<std::string>();
    } else {
      w.at("merges").at(r).fail_here("expected \"a b\" or [\"a\", \"b\"]");
    }
    auto ia = v.find(a), ib = v.find(b);
    if (!ia || !ib) w.at("merges").at(r).fail_here("merge part '" + (ia ? b : a) + "' is not in the vocabulary");
    std::string merged = a + (c.prefix.size() <= b.size() && b.compare(0, c.prefix.size(), c.prefix) == 0 ? b.substr(c.prefix.size()) : b);
    auto im = v.find(merged);
    if (!im) w.at("merges").at(r).fail_here("merged token '" + merged + "' not in the vocabulary");
    table.emplace(Bpe::key(*ia, *ib), std::make_pair(static_cast<int32_t>(r), *im));
  }
  return std::make_unique<Bpe>(std::move(v), std::move(table), std::move(c));
}

}  // namespace nsmlab::tok
