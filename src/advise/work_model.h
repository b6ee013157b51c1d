// How much work one sentence costs a transformer encoder, from its config alone: the
// arithmetic (FLOPs), the bytes that must cross the memory bus and the memory it needs,
// per precision. Speed does not depend on the weight values, so this is what `advise`
// sets against each offer's peaks, and what `bench` divides its measured times by.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "backend/precision.h"
#include "model/transformer_config.h"

namespace nsmlab {

// Bytes one value takes when the encoder's matrix weights are stored in `p`.
double bytes_per_value(Precision p);

// Sentence lengths in tokens (special tokens included). Attention grows with the square of
// the length, so the mean of the squares is kept too; from a mean alone it is mean².
struct LengthProfile {
  double mean_tokens = 0;
  double mean_square_tokens = 0;
  static LengthProfile from_mean(double mean_tokens);
  static LengthProfile from_lengths(const std::vector<size_t>& lengths);
};

struct WorkModel {
  std::string name;  // what the user named it by ("sentence-transformers/LaBSE", a folder)
  size_t hidden = 0, layers = 0, heads = 0, intermediate = 0, vocab = 0, positions = 0, type_vocab = 0;

  // Parameters: the linear layers' matrices (what the matrix products read), the embedding
  // tables (only the rows of the batch's tokens are read) and the rest (biases, LayerNorm).
  double linear_parameters() const;
  double embedding_parameters() const;
  double other_parameters() const;
  double parameters() const;

  // Per token: 2·(3H·H + H·H + 2·H·I) per layer for the four matrix products, plus 4·L·H per
  // layer for attention over a sequence of L tokens (Q·Kᵀ and P·V). Embeddings, LayerNorm,
  // softmax, GELU and pooling are O(H) per token and left out (< 1% at these shapes).
  double linear_flops_per_token() const;
  double attention_flops_per_token(double length) const;
  double flops_per_sentence(const LengthProfile& lengths) const;

  // Bytes read from memory: every matrix weight once per batch, in the precision's width,
  // plus per token its embedding row and its activations (about 18·H + 4·I values per layer
  // written and read back, in fp32 on a CPU, half width on GPUs: `activation_bytes`).
  double weight_bytes(Precision p) const;
  double activation_bytes_per_token(double activation_bytes) const;

  // Memory to hold the model in `p` (matrices in p, the rest in fp32 for fp32, 2 bytes
  // otherwise) plus a batch's activations of `batch_tokens` tokens at `longest` tokens.
  double resident_weight_bytes(Precision p) const;
  double batch_activation_bytes(double batch_tokens, double longest, double activation_bytes) const;
};

WorkModel work_model_from_config(const TransformerConfig& config, const std::string& name);

}  // namespace nsmlab
