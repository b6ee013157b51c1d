// Internal interfaces of the tokenizer pipeline stages; each stage lives in its own file.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/vocab.h"
#include "util/json_file.h"

namespace nsmlab::tok {

// Where in which file a JSON value sits, so errors can name both.
struct Where {
  const std::string* file;
  std::string field;
  Where at(std::string_view sub) const { return {file, field.empty() ? std::string(sub) : field + "." + std::string(sub)}; }
  Where at(size_t i) const { return {file, field + "[" + std::to_string(i) + "]"}; }
  [[noreturn]] void fail_here(const std::string& what) const;
};

// A field of `j` (which must be an object) with its type checked.
template <typename T>
T require(const Json& j, const Where& w, const char* name) {
  return json_require<T>(j, name, *w.file + " (" + w.at(name).field + ")");
}
template <typename T>
T optional(const Json& j, const Where& w, const char* name, T fallback) {
  return json_optional<T>(j, name, *w.file + " (" + w.at(name).field + ")", fallback);
}
// A required field of `j` by reference: copying subtrees made nested Sequences quadratic.
const Json& field(const Json& j, const Where& w, const char* name);
// A token id at `v`: a non-negative integer below `limit` (ids index tables sized from it).
int32_t checked_id(const Json& v, const Where& w, size_t limit);
// The "type" field of a component object.
std::string type_of(const Json& j, const Where& w);
// Sequences inside Sequences: real files nest one level; a bound keeps recursion and the
// field paths of error messages small.
constexpr size_t kMaxNesting = 16;
void check_nesting(size_t depth, const Where& w);

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual void normalize(std::string& s) const = 0;
  virtual std::string describe() const = 0;
};

// One pre-tokenized piece; at_start tells whether it begins the original input
// (Metaspace's prepend_scheme "first" needs it).
struct Piece {
  std::string text;
  bool at_start = false;
};

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  virtual void pre_tokenize(std::vector<Piece>& pieces) const = 0;
  virtual std::string describe() const = 0;
};

struct Token {
  int32_t id;
  std::string text;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual void tokenize(std::string_view word, std::vector<Token>& out) const = 0;
  virtual size_t vocab_size() const = 0;
  virtual std::optional<int32_t> token_to_id(std::string_view token) const = 0;
  virtual std::string name() const = 0;
};

class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  virtual size_t added_tokens() const = 0;
  // Wraps a single sequence in place; fills type_ids.
  virtual void process(std::vector<Token>& tokens, std::vector<int32_t>& type_ids, bool add_special) const = 0;
  virtual std::string describe() const = 0;
};

std::unique_ptr<Normalizer> make_normalizer(const Json& j, const Where& w, size_t depth = 0);
std::unique_ptr<PreTokenizer> make_pre_tokenizer(const Json& j, const Where& w, size_t depth = 0);
// Special token ids must lie below id_limit (the tokenizer's vocabulary size).
std::unique_ptr<PostProcessor> make_post_processor(const Json& j, const Where& w, size_t id_limit, size_t depth = 0);
// The {token: id} object of WordPiece and BPE models (field "vocab" of j). Ids must be
// distinct and below the number of entries plus `extra_ids` (the file's added tokens,
// which may sit in gaps of the model's ids).
Vocab parse_vocab_object(const Json& j, const Where& w, size_t extra_ids);
std::unique_ptr<Model> make_wordpiece(const Json& j, const Where& w, size_t extra_ids);
std::unique_ptr<Model> make_unigram(const Json& j, const Where& w);
std::unique_ptr<Model> make_bpe(const Json& j, const Where& w, size_t extra_ids);
std::unique_ptr<Model> make_model(const Json& j, const Where& w, size_t extra_ids);
std::unique_ptr<Normalizer> make_precompiled(const Json& j, const Where& w);

}  // namespace nsmlab::tok
