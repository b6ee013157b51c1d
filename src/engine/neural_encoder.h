// The neural SentenceEncoder: a sentence-transformers model folder run by nsmlab's
// own tokenizer and network. Tokenises in parallel, batches by length, restores order.
#pragma once
#include <memory>
#include <string>

#include "engine/sentence_encoder.h"
#include "nn/sentence_model.h"
#include "tokenizer/tokenizer.h"

namespace nsmlab {

class NeuralEncoder : public SentenceEncoder {
 public:
  explicit NeuralEncoder(const std::string& model_dir);

  std::string kind() const override { return "neural"; }
  std::string describe() const override;
  size_t dimension() const override;
  Matrix encode(const std::vector<std::string>& texts, const EncodeOptions& options) override;

  // The prompt the model's config_sentence_transformers.json names as default ("" if none).
  std::string default_prompt() const;
  const std::string& model_dir() const { return dir_; }
  const SentenceModel& model() const { return *model_; }
  const Tokenizer& tokenizer() const { return tokenizer_; }
  size_t max_seq_length() const;  // what truncation uses when EncodeOptions::max_seq_len is 0

 private:
  std::string dir_;
  std::unique_ptr<SentenceModel> model_;
  Tokenizer tokenizer_;
};

}  // namespace nsmlab
