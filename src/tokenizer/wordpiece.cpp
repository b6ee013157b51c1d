// WordPiece: greedy longest-match-first over each pre-tokenized word (BERT).
#include "tokenizer/components.h"
#include "tokenizer/unicode_props.h"
#include "tokenizer/vocab.h"

namespace nsmlab::tok {

namespace {

class WordPiece : public Model {
 public:
  WordPiece(Vocab v, std::string unk, std::string prefix, size_t max_chars)
      : v_(std::move(v)), unk_(std::move(unk)), prefix_(std::move(prefix)), max_chars_(max_chars) {}

  void tokenize(std::string_view word, std::vector<Token>& out) const override {
    size_t chars = 0;
    for (unsigned char c : word) chars += (c & 0xC0) != 0x80;
    if (chars > max_chars_) return push_unk(out);
    size_t first = out.size();
    std::string buf;
    size_t start = 0;
    while (start < word.size()) {
      size_t end = word.size();
      std::optional<int32_t> found;
      while (end > start) {
        std::string_view sub = word.substr(start, end - start);
        if (start > 0) {
          buf.assign(prefix_).append(sub);
          found = v_.find(buf);
        } else {
          found = v_.find(sub);
        }
        if (found) break;
        do --end; while (end > start && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80);
      }
      if (!found) {
        out.resize(first);
        return push_unk(out);
      }
      out.push_back({*found, v_.token(*found)});
      start = end;
    }
  }
  size_t vocab_size() const override { return v_.size(); }
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
};

}  // namespace

Vocab parse_vocab_object(const Json& j, const Where& w) {
  auto vocab = require<Json>(j, w, "vocab");
  if (!vocab.is_object()) w.at("vocab").fail_here("expected an object of token -> id");
  Vocab v;
  for (auto& [tok, id] : vocab.items()) {
    if (!id.is_number_integer() || id.get<int64_t>() < 0) w.at("vocab").at(tok).fail_here("expected a non-negative integer id");
    v.add(tok, id.get<int32_t>());
  }
  return v;
}

std::unique_ptr<Model> make_wordpiece(const Json& j, const Where& w) {
  Vocab v = parse_vocab_object(j, w);
  auto unk = optional<std::string>(j, w, "unk_token", "[UNK]");
  if (!v.find(unk)) w.at("unk_token").fail_here("token '" + unk + "' is not in the vocabulary");
  return std::make_unique<WordPiece>(std::move(v), unk, optional<std::string>(j, w, "continuing_subword_prefix", "##"),
                                     optional<size_t>(j, w, "max_input_chars_per_word", 100));
}

}  // namespace nsmlab::tok
