// WordPiece: greedy longest-match-first over each pre-tokenized word (BERT). The longest
// vocabulary entry at each position comes from one trie walk, so a word costs
// O(length x longest entry) whatever max_input_chars_per_word allows.
#include "tokenizer/byte_trie.h"
#include "tokenizer/components.h"
#include "tokenizer/unicode_props.h"
#include "tokenizer/vocab.h"

namespace nsmlab::tok {

namespace {

class WordPiece : public Model {
 public:
  WordPiece(Vocab v, std::string unk, std::string prefix, size_t max_chars)
      : v_(std::move(v)), unk_(std::move(unk)), prefix_(std::move(prefix)), max_chars_(max_chars) {
    std::vector<ByteTrie::Entry> first, rest;
    v_.for_each([&](std::string_view t, int32_t id) {
      first.push_back({t, id});
      if (t.substr(0, prefix_.size()) == prefix_) rest.push_back({t.substr(prefix_.size()), id});
    });
    first_ = ByteTrie(std::move(first));
    continuing_ = ByteTrie(std::move(rest));
  }

  void tokenize(std::string_view word, std::vector<Token>& out) const override {
    size_t chars = 0;
    for (unsigned char c : word) chars += (c & 0xC0) != 0x80;
    if (chars > max_chars_) return push_unk(out);
    size_t first = out.size();
    for (size_t start = 0; start < word.size();) {
      // Vocabulary entries are whole UTF-8 characters, so a match ends on a character boundary.
      auto [len, id] = (start == 0 ? first_ : continuing_).longest_prefix(word.substr(start));
      if (len == 0) {
        out.resize(first);
        return push_unk(out);
      }
      out.push_back({id, v_.token(id)});
      start += len;
    }
  }
  size_t vocab_size() const override { return v_.id_bound(); }
  std::optional<int32_t> token_to_id(std::string_view t) const override { return v_.find(t); }
  std::string name() const override { return "WordPiece"; }

 private:
  void push_unk(std::vector<Token>& out) const {
    auto id = v_.find(unk_);
    if (!id) throw Error("WordPiece: unk_token '" + unk_ + "' is not in the vocabulary");
    out.push_back({*id, unk_});
  }
  Vocab v_;
  std::string unk_, prefix_;
  size_t max_chars_;
  ByteTrie first_;       // every entry: the start of a word
  ByteTrie continuing_;  // entries with the prefix, prefix removed: the rest of a word
};

}  // namespace

Vocab parse_vocab_object(const Json& j, const Where& w, size_t extra_ids) {
  const Json& vocab = field(j, w, "vocab");
  Where wv = w.at("vocab");
  if (!vocab.is_object()) wv.fail_here("expected an object of token -> id");
  Vocab v(vocab.size() + extra_ids);
  for (auto& [tok, id] : vocab.items()) {
    Where wt = wv.at(tok);
    switch (v.add(tok, static_cast<size_t>(checked_id(id, wt, vocab.size() + extra_ids)))) {
      case Vocab::Added::Ok: break;
      case Vocab::Added::IdTaken: wt.fail_here("id " + std::to_string(id.get<uint64_t>()) + " is given to another token too");
      default: wt.fail_here("token given twice");
    }
  }
  return v;
}

std::unique_ptr<Model> make_wordpiece(const Json& j, const Where& w, size_t extra_ids) {
  Vocab v = parse_vocab_object(j, w, extra_ids);
  auto unk = optional<std::string>(j, w, "unk_token", "[UNK]");
  if (!v.find(unk)) w.at("unk_token").fail_here("token '" + unk + "' is not in the vocabulary");
  return std::make_unique<WordPiece>(std::move(v), unk, optional<std::string>(j, w, "continuing_subword_prefix", "##"),
                                     optional<size_t>(j, w, "max_input_chars_per_word", 100));
}

}  // namespace nsmlab::tok
