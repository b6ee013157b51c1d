// A Hugging Face `tokenizers` compatible tokenizer read from tokenizer.json:
// added tokens, normalizer, pre-tokenizer, model and post-processor reproduce
// the ids the Python library gives, so embeddings match the original models.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsmlab {

struct Encoding {
  std::vector<int32_t> ids;
  std::vector<int32_t> type_ids;
  std::vector<std::string> tokens;
};

namespace tok {
struct Pipeline;
}

class Tokenizer {
 public:
  // Errors (nsmlab::Error) name the file and the offending field.
  static Tokenizer load(const std::string& tokenizer_json_path);

  // Full pipeline: added/special tokens split, normalizer, pre-tokenizer, model, post-processor.
  // max_length > 0 truncates like HF (longest_first; the post-processor's special tokens
  // are kept within max_length).
  // untruncated_length, when given, receives the length before truncation (special tokens included).
  Encoding encode(std::string_view text, size_t max_length = 0, bool add_special_tokens = true,
                  size_t* untruncated_length = nullptr) const;
  // Wraps ids (from encode(..., add_special_tokens = false)) in the post-processor's special
  // tokens, as encode() would: one window of a long text (engine/long_text.h). Token texts stay empty.
  Encoding with_special_tokens(const int32_t* ids, size_t count) const;

  int32_t pad_id() const;  // padding section's pad_id, else id of <pad>/[PAD], else 0
  size_t vocab_size() const;
  std::optional<int32_t> token_to_id(std::string_view token) const;
  std::string describe() const;
  // Number of tokens the post-processor adds for a single sequence (2 for [CLS] .. [SEP]).
  size_t num_special_tokens() const;

 private:
  explicit Tokenizer(std::shared_ptr<const tok::Pipeline> p) : p_(std::move(p)) {}
  std::shared_ptr<const tok::Pipeline> p_;  // immutable after load: copies share it, const encode is thread-safe
};

}  // namespace nsmlab
