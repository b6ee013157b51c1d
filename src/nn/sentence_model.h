// A loaded sentence-transformers model: token ids in, sentence embeddings out
// (Transformer -> Pooling -> optional Dense -> optional Normalize), CPU fp32.
#pragma once
#include <memory>
#include <string>

#include "model/model_folder.h"
#include "nn/token_batch.h"
#include "util/matrix.h"

namespace nsmlab {

class SentenceModel {
 public:
  // load_model_folder + weights (mapped, validated against the config).
  static std::unique_ptr<SentenceModel> load(const std::string& dir);
  ~SentenceModel();

  const ModelFolder& folder() const;
  // One pooled (+dense, +normalize module) row per sequence. Thread count: OpenMP's default.
  // Safe to call repeatedly, with any shapes, from several threads.
  Matrix embed(const TokenBatch& batch) const;
  // Last hidden state: [batch * seq_len, hidden_size], rows of padded positions are zero.
  Matrix token_embeddings(const TokenBatch& batch) const;

  size_t dimension() const;        // width of embed()'s rows
  size_t hidden_size() const;
  size_t parameter_count() const;  // encoder tensors + Dense
  std::string architecture() const;  // "BertModel", "XLMRobertaModel", "MPNetModel", ...

 private:
  SentenceModel();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nsmlab
