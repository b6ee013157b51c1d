// Unigram (SentencePiece): Viterbi over the pieces of each word, scores are log-probs;
// characters no piece covers cost min_score - 10 and consecutive unknowns fuse, as in HF.
// The pieces starting at each position come from one trie walk (as in sentencepiece), so a
// word costs O(length x longest piece).
#include <cmath>
#include <cstdio>
#include <limits>

#include "tokenizer/byte_trie.h"
#include "tokenizer/components.h"
#include "tokenizer/unicode_props.h"
#include "tokenizer/vocab.h"

namespace nsmlab::tok {

namespace {

constexpr double kUnkPenalty = 10.0;

class Unigram : public Model {
 public:
  Unigram(Vocab v, std::vector<double> scores, std::optional<int32_t> unk, bool byte_fallback)
      : v_(std::move(v)), scores_(std::move(scores)), unk_(unk), byte_fallback_(byte_fallback) {
    min_score_ = std::numeric_limits<double>::infinity();
    for (double s : scores_) min_score_ = std::min(min_score_, s);
    std::vector<ByteTrie::Entry> entries;
    v_.for_each([&](std::string_view t, int32_t id) { entries.push_back({t, id}); });
    trie_ = ByteTrie(std::move(entries));
  }

  void tokenize(std::string_view s, std::vector<Token>& out) const override {
    struct Node { double score = 0; size_t start = 0; int32_t id = -1; bool set = false; };
    std::vector<Node> best(s.size() + 1);
    best[0].set = true;
    const double unk_score = min_score_ - kUnkPenalty;
    for (size_t st = 0; st < s.size();) {
      // Text is valid UTF-8 here; the clamp keeps a bad byte from indexing past `best`.
      size_t mblen = char_len(s, st);
      if (!best[st].set) { st += mblen; continue; }
      double base = best[st].score;
      bool single = false;
      // Pieces are whole characters, so each match ends on a character boundary.
      trie_.for_each_prefix(s.substr(st), [&](size_t len, int32_t id) {
        Node& t = best[st + len];
        double cand = base + scores_[static_cast<size_t>(id)];
        if (!t.set || cand > t.score) t = {cand, st, id, true};
        if (len == mblen) single = true;
        return true;
      });
      if (!single) {
        Node& t = best[st + mblen];
        double cand = base + unk_score;
        if (!t.set || cand > t.score) t = {cand, st, unk_.value_or(-1), true};
      }
      st += mblen;
    }
    // Backtrack; unknown stretches fuse into one token.
    std::vector<std::pair<size_t, size_t>> spans;  // [start, end) per token, reversed
    std::vector<bool> is_unk;
    for (size_t end = s.size(); end > 0;) {
      const Node& n = best[end];
      bool u = unk_ && n.id == *unk_;
      if (u && !is_unk.empty() && is_unk.back()) spans.back().first = n.start;
      else { spans.push_back({n.start, end}); is_unk.push_back(u); }
      end = n.start;
    }
    for (size_t k = spans.size(); k-- > 0;) {
      std::string_view piece = s.substr(spans[k].first, spans[k].second - spans[k].first);
      if (auto id = v_.find(piece)) { out.push_back({*id, std::string(piece)}); continue; }
      if (byte_fallback_ && push_bytes(piece, out)) continue;
      if (!unk_) throw Error("Unigram: text needs the unknown token but the model has no unk_id");
      out.push_back({*unk_, std::string(piece)});
    }
  }
  size_t vocab_size() const override { return v_.id_bound(); }
  std::optional<int32_t> token_to_id(std::string_view t) const override { return v_.find(t); }
  std::string name() const override { return "Unigram"; }

 private:
  bool push_bytes(std::string_view piece, std::vector<Token>& out) const {
    size_t first = out.size();
    char name[8];
    for (unsigned char b : piece) {
      std::snprintf(name, sizeof name, "<0x%02X>", b);
      auto id = v_.find(name);
      if (!id) { out.resize(first); return false; }
      out.push_back({*id, name});
    }
    return true;
  }
  Vocab v_;
  std::vector<double> scores_;
  std::optional<int32_t> unk_;
  bool byte_fallback_;
  double min_score_;
  ByteTrie trie_;  // piece -> id
};

}  // namespace

std::unique_ptr<Model> make_unigram(const Json& j, const Where& w) {
  const Json& vocab = field(j, w, "vocab");
  if (!vocab.is_array()) w.at("vocab").fail_here("expected an array of [piece, score]");
  if (vocab.empty()) w.at("vocab").fail_here("expected at least one piece");  // no scores to derive the unknown's from
  Vocab v(vocab.size());
  std::vector<double> scores;
  scores.reserve(vocab.size());
  for (size_t i = 0; i < vocab.size(); ++i) {
    const Json& e = vocab[i];
    if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_number())
      w.at("vocab").at(i).fail_here("expected [piece, score]");
    v.add(e[0].get<std::string>(), i);  // ids are positions: always in range and distinct
    scores.push_back(e[1].get<double>());
    if (!std::isfinite(scores.back())) w.at("vocab").at(i).fail_here("expected a finite score");
  }
  std::optional<int32_t> unk;
  if (j.contains("unk_id") && !j["unk_id"].is_null()) {
    unk = checked_id(j["unk_id"], w.at("unk_id"), vocab.size());
  }
  return std::make_unique<Unigram>(std::move(v), std::move(scores), unk, optional<bool>(j, w, "byte_fallback", false));
}

}  // namespace nsmlab::tok
