// The BERT / RoBERTa / MPNet encoder stack on packed tokens:
// embeddings -> LayerNorm -> N x [fused QKV, attention, out-proj + residual, LayerNorm,
// FFN with fused bias+activation, out-proj + residual, LayerNorm].
#pragma once
#include <vector>

#include "model/transformer_config.h"
#include "model/transformer_weights.h"
#include "nn/linear.h"
#include "nn/token_batch.h"

namespace nsmlab {

class TransformerEncoder {
 public:
  // `weights` must outlive the encoder (its tensors usually point into the weight file's mapping).
  TransformerEncoder(const TransformerConfig& config, const TransformerWeights& weights);

  // Last hidden state of every packed token: [tokens.total(), hidden_size], row-major.
  std::vector<float> forward(const TokenBatch& batch, const PackedTokens& tokens) const;

 private:
  void embed(const TokenBatch& batch, const PackedTokens& tokens, float* x) const;

  struct Layer {
    std::vector<float> qkv_weight, qkv_bias;  // Q, K, V stacked once at load: one product instead of three
    Linear qkv, attention_output, intermediate, output;
  };
  TransformerConfig config_;
  const TransformerWeights& weights_;
  std::vector<Layer> layers_;
};

}  // namespace nsmlab
