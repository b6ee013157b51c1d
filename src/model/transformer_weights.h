// The tensors of a BERT / RoBERTa / MPNet encoder, looked up by their transformers
// names and checked against the shapes config.json implies. Embeddings and norms are
// fp32 (small, read by every backend's own kernels); linear layers are typed views.
#pragma once
#include <vector>

#include "model/transformer_config.h"
#include "model/weight_store.h"

namespace nsmlab {

// As stored (any float dtype): the backends pack them once into their own layout.
struct LinearWeights {
  TensorView weight;  // [out, in], PyTorch nn.Linear layout
  TensorView bias;    // [out]
};

struct LayerNormWeights {
  FloatTensor gamma, beta;  // [hidden]
};

struct EncoderLayerWeights {
  LinearWeights query, key, value, attention_output;
  LayerNormWeights attention_norm;
  LinearWeights intermediate, output;
  LayerNormWeights output_norm;
};

struct TransformerWeights {
  FloatTensor word_embeddings;        // [vocab, hidden]
  FloatTensor position_embeddings;    // [max_position_embeddings, hidden]
  FloatTensor token_type_embeddings;  // [type_vocab, hidden]; empty for MPNet
  LayerNormWeights embedding_norm;
  std::vector<EncoderLayerWeights> layers;
  FloatTensor relative_attention_bias;  // MPNet: [buckets, heads]
  size_t parameter_count = 0;           // of the tensors above
};

// The tensor every checkpoint of this family holds; used to find the name prefix.
const char* anchor_tensor_name();

// Looks up and validates every tensor; errors name the file, the tensor and both shapes.
TransformerWeights load_transformer_weights(WeightStore& store, const TransformerConfig& config);

}  // namespace nsmlab
