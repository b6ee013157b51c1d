// BAAI/bge-m3's two heads beside its encoder, as FlagEmbedding saves them in the model
// folder: sparse_linear.pt (Linear(hidden, 1): one lexical weight per token) and
// colbert_linear.pt (Linear(hidden, dim): one multi-vector row per token after CLS). Both
// are torch.save'd state dicts {weight, bias}, read by the restricted pickle reader. The
// special tokens the sparse output leaves out are cls, eos, pad and unk, as FlagEmbedding
// takes them from special_tokens_map.json (tokenizer_config.json, else the family's names).
#pragma once
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "model/transformer_config.h"

namespace nsmlab {

struct M3Heads {
  size_t hidden = 0;
  std::vector<float> sparse_weight;  // [hidden]
  float sparse_bias = 0;
  size_t colbert_dim = 0;
  std::vector<float> colbert_weight;  // [colbert_dim, hidden]
  std::vector<float> colbert_bias;    // [colbert_dim]
  std::vector<std::string> special_token_names;  // cls, eos, pad, unk as the folder names them
};

// True when `dir` has sparse_linear.pt or colbert_linear.pt.
bool has_m3_heads(const std::string& dir);

// Reads both heads (each must be there) and checks their shapes against `config`.
M3Heads load_m3_heads(const std::string& dir, const TransformerConfig& config);

}  // namespace nsmlab
