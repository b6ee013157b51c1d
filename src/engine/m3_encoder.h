// bge-m3's sparse (lexical weights) and multi-vector (ColBERT) outputs for texts, through a
// NeuralEncoder's tokenizer and backend: each text's last hidden state, then the heads of
// model/m3_heads.h (nn/m3_outputs.h). The dense output is the encoder's own pipeline (CLS,
// Normalize), unchanged.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/neural_encoder.h"
#include "model/m3_heads.h"
#include "util/matrix.h"

namespace nsmlab {

class M3Encoder {
 public:
  // Fails naming the folder when it has no sparse_linear.pt / colbert_linear.pt.
  explicit M3Encoder(NeuralEncoder& encoder);

  // One map token id -> weight per text.
  std::vector<std::map<int32_t, float>> lexical_weights(const std::vector<std::string>& texts,
                                                        const std::string& prompt);
  // One [tokens - 1, dim] matrix per text.
  std::vector<Matrix> colbert_vectors(const std::vector<std::string>& texts, const std::string& prompt);
  const std::set<int32_t>& excluded_ids() const { return excluded_; }
  size_t colbert_dimension() const { return heads_.colbert_dim; }

 private:
  NeuralEncoder& encoder_;
  M3Heads heads_;
  std::set<int32_t> excluded_;
};

}  // namespace nsmlab
