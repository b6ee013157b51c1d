// The BERT / RoBERTa / MPNet encoder stack on the CPU, over packed tokens, with its
// products in one precision (fp32, bf16 or int8: nn/linear_kernel.h) and everything else
// (embeddings, attention softmax, LayerNorm) in fp32. The op order is encoder_graph.h.
#pragma once
#include <memory>
#include <vector>

#include "backend/packed_batch.h"
#include "backend/precision.h"
#include "model/transformer_config.h"
#include "model/transformer_weights.h"
#include "nn/linear_kernel.h"

namespace nsmlab {

// The position-embedding row of every packed token (RoBERTa/MPNet count non-pad ids from
// padding_idx + 1, as transformers' create_position_ids_from_input_ids; BERT uses the column),
// after checking ids, type ids and lengths against the model: errors name the sequence.
// Shared by every backend, so the rule lives here only.
std::vector<int32_t> packed_position_ids(const TransformerConfig& config, const PackedBatch& batch);

class TransformerEncoder {
 public:
  // `weights` must outlive the encoder (its fp32 tensors usually point into the weight file's
  // mapping); linear layers are packed here, once, in `precision`.
  TransformerEncoder(const TransformerConfig& config, const TransformerWeights& weights, Precision precision);
  ~TransformerEncoder();

  // Last hidden state of every packed token: [batch.tokens(), hidden_size], row-major (null for
  // no tokens). It lives in this thread's scratch memory, reused by its next forward on any
  // encoder: read or copy it before that (a fresh buffer per call cost page faults and zeroing).
  const float* forward(const PackedBatch& batch) const;
  Precision precision() const { return precision_; }
  size_t packed_bytes() const;  // memory of the packed linear weights

 private:
  struct Layer {
    std::unique_ptr<LinearKernel> qkv, attention_output, intermediate, output;
    RowForm inner_form = RowForm::Fp32;  // how intermediate hands output its rows (linear_kernel.h)
  };
  struct Pass;  // the Ops of one forward pass (encoder_graph.h)

  TransformerConfig config_;
  const TransformerWeights& weights_;
  Precision precision_;
  std::vector<Layer> layers_;
};

}  // namespace nsmlab
