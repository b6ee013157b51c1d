// The encoder hyper-parameters of a Hugging Face config.json, restricted to the
// families nsmlab can run: BERT, the RoBERTa family (RoBERTa, XLM-R, CamemBERT)
// and MPNet. Everything the forward pass depends on is read here, once.
#pragma once
#include <cstddef>
#include <string>

namespace nsmlab {

// Families differ in embeddings (token types, position ids) and attention (MPNet's
// relative position bias); within a family only the tensor prefix differs.
enum class ModelFamily { Bert, Roberta, MPNet };

// Activation functions as named by transformers' ACT2FN and torch.nn modules.
enum class Activation { Identity, GeluErf, GeluTanh, Relu, Silu, Tanh };

struct TransformerConfig {
  std::string model_type;      // as written in config.json ("bert", "xlm-roberta", ...)
  ModelFamily family = ModelFamily::Bert;
  size_t vocab_size = 0;
  size_t hidden_size = 0;
  size_t num_hidden_layers = 0;
  size_t num_attention_heads = 0;
  size_t intermediate_size = 0;
  std::string hidden_act_name = "gelu";
  Activation hidden_act = Activation::GeluErf;
  double layer_norm_eps = 1e-12;
  size_t max_position_embeddings = 512;
  size_t type_vocab_size = 0;  // 0 for MPNet (no token type embeddings)
  int pad_token_id = 0;
  size_t relative_attention_num_buckets = 0;  // MPNet only

  size_t head_dim() const { return hidden_size / num_attention_heads; }
  // RoBERTa-style position ids start after this index; -1 for BERT (positions 0..n-1).
  int position_padding_idx() const;
  // Longest sequence the position table can hold.
  size_t max_sequence_positions() const;
  // "BertModel", "XLMRobertaModel", ... (the transformers class nsmlab mirrors).
  std::string architecture() const;
};

// Parses and checks config.json; unknown model types and inconsistent sizes are errors
// naming the file and the field.
TransformerConfig parse_transformer_config(const std::string& path);

// Maps an activation name ("gelu", "gelu_new", "relu", "torch.nn.modules.activation.Tanh", ...).
// Throws naming `file` and `field` when unknown.
Activation parse_activation(const std::string& name, const std::string& file, const std::string& field);
std::string activation_name(Activation a);

}  // namespace nsmlab
