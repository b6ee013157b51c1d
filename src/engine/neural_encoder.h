// The neural SentenceEncoder: a sentence-transformers model folder run by nsmlab's own
// tokenizer and one backend (engine/backend_factory.h). Tokenises in parallel, batches by
// length, restores order; halves a batch that runs out of device memory and, when a backend
// fails mid-run, falls back to the next one and encodes the texts again there.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "backend/backend_options.h"
#include "backend/embedding_backend.h"
#include "engine/backend_factory.h"
#include "engine/sentence_encoder.h"
#include "model/model_folder.h"
#include "tokenizer/tokenizer.h"

namespace nsmlab {

class NeuralEncoder : public SentenceEncoder {
 public:
  // Default options: auto device and precision (CPU fp32), every core.
  explicit NeuralEncoder(const std::string& model_dir, const BackendOptions& backend = {});
  ~NeuralEncoder() override;

  std::string kind() const override { return "neural"; }
  std::string describe() const override;
  size_t dimension() const override;
  Matrix encode(const std::vector<std::string>& texts, const EncodeOptions& options) override;

  // encode() in its two halves, so that a streaming caller tokenises the next texts on a
  // thread of its own while the backend encodes these: encode(t, o) is
  // encode_tokenized(tokenize(t, o, threads), o), bit for bit.
  struct Tokenized {
    std::vector<Encoding> encodings;  // one per text; with LongTextMode::chunk, one per window
    int32_t prompt_len = 0;
    // LongTextMode::chunk: the text of each window (non-decreasing) and its text tokens (the
    // weight of its vector in the text's mean); empty: one encoding per text.
    std::vector<uint32_t> window_text, window_weight;
    size_t texts = 0;
    LongTextCount count;
  };
  // Safe to call from another thread while encode_tokenized runs (the tokenizer is read-only).
  Tokenized tokenize(const std::vector<std::string>& texts, const EncodeOptions& options, int threads) const;
  Matrix encode_tokenized(Tokenized tokenized, const EncodeOptions& options);
  LongTextCount take_long_text_count() override;
  // The long-text count of texts without encoding them (what tokenize() would count): for the
  // chunks of a stream that an earlier run or another process encoded.
  LongTextCount count_long_texts(const std::vector<std::string>& texts, const EncodeOptions& options) const;
  // Text tokens per window with LongTextMode::chunk (the sequence length less the special tokens
  // and the prompt's); refuses a --chunk-overlap that is not below it, or no room at all.
  size_t window_text_tokens(const EncodeOptions& options) const;
  // The sequence length `options` put in force.
  size_t max_seq_length(const EncodeOptions& options) const {
    return options.max_seq_len > 0 ? options.max_seq_len : max_seq_length();
  }

  // What runs now, with every fallback and batch halving so far in its notes.
  BackendDescription backend_description() const;
  // The prompt the model's config_sentence_transformers.json names as default ("" if none).
  std::string default_prompt() const;
  const std::string& model_dir() const { return dir_; }
  const ModelFolder& folder() const { return folder_; }
  size_t parameter_count() const;
  std::string architecture() const { return folder_.config.architecture(); }
  const Tokenizer& tokenizer() const { return tokenizer_; }
  size_t max_seq_length() const;  // what truncation uses when EncodeOptions::max_seq_len is 0
  // Tokens of prompt + text before truncation, special tokens included, as encode() counts them.
  size_t token_count(const std::string& text, const std::string& prompt) const;
  // One text's tokens as encode() feeds them to the model (lower-cased when the folder says
  // so, truncated to max_len; 0: max_seq_length()), without any prompt.
  Encoding tokenize(const std::string& text, size_t max_len = 0) const;
  // Last hidden state of one text's tokens (no prompt, no pooling): [tokens, hidden].
  Matrix token_states(const std::string& text);
  // The token ids token_states(text) computes on (lowercased and truncated alike).
  std::vector<int32_t> token_ids(const std::string& text) const;

 private:
  struct Batches;
  Matrix encode_on_backend(const Batches& batches, size_t rows, bool progress);
  Matrix embed_halving(const PackedBatch& batch);
  void fall_back(const std::string& why);

  std::string dir_;
  ModelFolder folder_;
  Tokenizer tokenizer_;
  BackendOptions options_;
  BackendPlan plan_;
  size_t candidate_ = 0;
  std::unique_ptr<EmbeddingBackend> backend_;
  std::vector<std::string> notes_;
  LongTextCount long_text_count_;
};

// L2-normalises every row, as encode() does with EncodeOptions::normalize.
void normalize_rows(Matrix& m);

}  // namespace nsmlab
