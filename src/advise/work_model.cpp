#include "advise/work_model.h"

#include <cmath>

namespace nsmlab {

double bytes_per_value(Precision p) {
  switch (p) {
    case Precision::Fp32: return 4;
    case Precision::Bf16:
    case Precision::Fp16: return 2;
    case Precision::Int8: return 1;
  }
  return 4;
}

LengthProfile LengthProfile::from_mean(double mean_tokens) { return {mean_tokens, mean_tokens * mean_tokens}; }

LengthProfile LengthProfile::from_lengths(const std::vector<size_t>& lengths) {
  LengthProfile p;
  if (lengths.empty()) return p;
  double sum = 0, sum_sq = 0;
  for (size_t n : lengths) {
    sum += double(n);
    sum_sq += double(n) * double(n);
  }
  p.mean_tokens = sum / double(lengths.size());
  p.mean_square_tokens = sum_sq / double(lengths.size());
  return p;
}

double WorkModel::linear_parameters() const {
  const double H = double(hidden), I = double(intermediate);
  return double(layers) * (3 * H * H + H * H + 2 * H * I);
}

double WorkModel::embedding_parameters() const {
  return double(vocab + positions + type_vocab) * double(hidden);
}

double WorkModel::other_parameters() const {
  const double H = double(hidden), I = double(intermediate);
  // Per layer: biases of Q, K, V, output (4H), FFN (I + H), two LayerNorms (4H); plus the
  // embeddings' LayerNorm (2H).
  return double(layers) * (4 * H + I + H + 4 * H) + 2 * H;
}

double WorkModel::parameters() const { return linear_parameters() + embedding_parameters() + other_parameters(); }

double WorkModel::linear_flops_per_token() const { return 2 * linear_parameters(); }

double WorkModel::attention_flops_per_token(double length) const {
  return double(layers) * 4 * length * double(hidden);
}

double WorkModel::flops_per_sentence(const LengthProfile& l) const {
  // Σ over tokens of (linear + 4·L·H·layers) = L·linear + 4·L²·H·layers.
  return l.mean_tokens * linear_flops_per_token() + double(layers) * 4 * l.mean_square_tokens * double(hidden);
}

double WorkModel::weight_bytes(Precision p) const { return linear_parameters() * bytes_per_value(p); }

double WorkModel::activation_bytes_per_token(double activation_bytes) const {
  const double H = double(hidden), I = double(intermediate);
  return H * activation_bytes + double(layers) * (18 * H + 4 * I) * activation_bytes;
}

double WorkModel::resident_weight_bytes(Precision p) const {
  const double rest = p == Precision::Fp32 ? 4 : 2;
  return linear_parameters() * bytes_per_value(p) + (embedding_parameters() + other_parameters()) * rest;
}

double WorkModel::batch_activation_bytes(double batch_tokens, double longest, double activation_bytes) const {
  // One layer's live activations (the FFN's I-wide rows dominate, three H-wide buffers
  // besides) and its attention scores, heads × L per token.
  const double per_token = (3 * double(hidden) + 2 * double(intermediate) + double(heads) * longest);
  return batch_tokens * per_token * activation_bytes;
}

WorkModel work_model_from_config(const TransformerConfig& c, const std::string& name) {
  WorkModel w;
  w.name = name;
  w.hidden = c.hidden_size;
  w.layers = c.num_hidden_layers;
  w.heads = c.num_attention_heads;
  w.intermediate = c.intermediate_size;
  w.vocab = c.vocab_size;
  w.positions = c.max_position_embeddings;
  w.type_vocab = c.type_vocab_size;
  return w;
}

}  // namespace nsmlab
