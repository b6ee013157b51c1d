// The encode pipeline: added tokens, normalizer, pre-tokenizer, model, truncation, post-processor.
#include "tokenizer/tokenizer.h"

#include "tokenizer/pipeline.h"
#include "util/utf8.h"

namespace nsmlab {

using namespace tok;

namespace {

void tokenize_text(const Pipeline& p, std::string_view text, bool at_start, std::vector<Token>& out) {
  std::vector<Piece> pieces;
  pieces.push_back({std::string(text), at_start});
  if (p.pre_tokenizer) p.pre_tokenizer->pre_tokenize(pieces);
  for (auto& piece : pieces)
    if (!piece.text.empty()) p.model->tokenize(piece.text, out);
}

}  // namespace

Encoding Tokenizer::encode(std::string_view text, size_t max_length, bool add_special_tokens,
                           size_t* untruncated_length) const {
  const Pipeline& p = *p_;
  size_t bad = 0;
  if (!is_valid_utf8(text, &bad)) fail("tokenizer {}: input text is not valid UTF-8 (byte {})", p.path, bad);

  std::vector<Token> tokens;
  std::vector<Segment> raw, sub;
  p.raw_matcher.split(text, raw);
  for (auto& seg : raw) {
    if (seg.id >= 0) {
      tokens.push_back({seg.id, std::string(text.substr(seg.begin, seg.end - seg.begin))});
      continue;
    }
    std::string norm(text.substr(seg.begin, seg.end - seg.begin));
    if (p.normalizer) p.normalizer->normalize(norm);
    // The models step by UTF-8 lengths; the checks at load keep normalizers from breaking
    // characters, and this one keeps any slip from reaching them.
    if (!is_valid_utf8(norm, &bad)) fail("tokenizer {}: the normalizer produced invalid UTF-8 (byte {})", p.path, bad);
    sub.clear();
    p.normalized_matcher.split(norm, sub);
    for (auto& s : sub) {
      if (s.id >= 0) tokens.push_back({s.id, norm.substr(s.begin, s.end - s.begin)});
      else tokenize_text(p, std::string_view(norm).substr(s.begin, s.end - s.begin), seg.begin == 0 && s.begin == 0, tokens);
    }
  }
  size_t added = p.post && add_special_tokens ? p.post->added_tokens() : 0;
  if (untruncated_length) *untruncated_length = tokens.size() + added;
  if (max_length > 0) {
    if (max_length < added)
      fail("tokenizer {}: max_length {} leaves no room for the {} special tokens", p.path, max_length, added);
    if (tokens.size() > max_length - added) tokens.resize(max_length - added);
  }
  std::vector<int32_t> type_ids(tokens.size(), 0);
  if (p.post) p.post->process(tokens, type_ids, add_special_tokens);

  Encoding e;
  e.ids.reserve(tokens.size());
  e.tokens.reserve(tokens.size());
  for (auto& t : tokens) {
    e.ids.push_back(t.id);
    e.tokens.push_back(std::move(t.text));
  }
  e.type_ids = std::move(type_ids);
  return e;
}

Encoding Tokenizer::with_special_tokens(const int32_t* ids, size_t count) const {
  std::vector<Token> tokens;
  tokens.reserve(count + num_special_tokens());
  for (size_t i = 0; i < count; ++i) tokens.push_back({ids[i], std::string()});
  std::vector<int32_t> type_ids(tokens.size(), 0);
  if (p_->post) p_->post->process(tokens, type_ids, true);
  Encoding e;
  e.ids.reserve(tokens.size());
  for (const auto& t : tokens) e.ids.push_back(t.id);
  e.type_ids = std::move(type_ids);
  return e;
}

int32_t Tokenizer::pad_id() const {
  if (p_->padding_id) return *p_->padding_id;
  if (auto id = token_to_id("<pad>")) return *id;
  if (auto id = token_to_id("[PAD]")) return *id;
  return 0;
}

size_t Tokenizer::vocab_size() const {
  size_t n = p_->model->vocab_size();
  for (auto& t : p_->added) n = std::max(n, static_cast<size_t>(t.id) + 1);  // ids past the model's vocabulary
  return n;
}

std::optional<int32_t> Tokenizer::token_to_id(std::string_view token) const {
  for (auto& t : p_->added)
    if (t.content == token) return t.id;
  return p_->model->token_to_id(token);
}

std::string Tokenizer::describe() const {
  std::string d = p_->model->name() + ", " + std::to_string(vocab_size()) + " tokens";
  if (p_->normalizer) d += ", " + p_->normalizer->describe();
  if (p_->pre_tokenizer) d += ", " + p_->pre_tokenizer->describe();
  if (p_->post) d += ", " + p_->post->describe();
  return d;
}

size_t Tokenizer::num_special_tokens() const { return p_->post ? p_->post->added_tokens() : 0; }

}  // namespace nsmlab
