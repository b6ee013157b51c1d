// A loaded sentence-transformers model on the CPU: token ids in, sentence embeddings out
// (Transformer -> Pooling -> optional Dense -> optional Normalize), its products in one
// precision (fp32, bf16 or int8), everything else in fp32.
#pragma once
#include <memory>
#include <string>

#include "backend/packed_batch.h"
#include "backend/precision.h"
#include "model/model_folder.h"
#include "nn/token_batch.h"
#include "util/matrix.h"

namespace nsmlab {

class SentenceModel {
 public:
  // load_model_folder + weights (mapped, validated against the config), linear layers packed
  // in `precision` (an error says why when this CPU cannot run it).
  static std::unique_ptr<SentenceModel> load(const std::string& dir, Precision precision = Precision::Fp32);
  ~SentenceModel();

  const ModelFolder& folder() const;
  // One pooled (+dense, +normalize module) row per sequence. Threads: the caller's OpenMP
  // setting. Safe to call repeatedly, with any shapes, from several threads.
  Matrix embed(const PackedBatch& batch) const;
  Matrix embed(const TokenBatch& batch) const { return embed(pack_tokens(batch)); }
  // Last hidden state of every packed token: [batch.tokens(), hidden_size].
  Matrix token_states(const PackedBatch& batch) const;
  // Last hidden state: [batch * seq_len, hidden_size], rows of padded positions are zero.
  Matrix token_embeddings(const TokenBatch& batch) const;

  Precision precision() const;
  size_t dimension() const;        // width of embed()'s rows
  size_t hidden_size() const;
  size_t parameter_count() const;  // encoder tensors + Dense
  size_t packed_bytes() const;     // memory of the packed linear weights
  std::string architecture() const;  // "BertModel", "XLMRobertaModel", "MPNetModel", ...

 private:
  SentenceModel();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nsmlab
