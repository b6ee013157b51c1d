#include "nn/transformer_encoder.h"

#include <algorithm>
#include <cstring>

#include "cpu/isa.h"
#include "nn/attention.h"
#include "nn/kernels.h"
#include "nn/relative_position.h"
#include "util/error.h"

namespace nsmlab {

TransformerEncoder::TransformerEncoder(const TransformerConfig& config, const TransformerWeights& weights)
    : config_(config), weights_(weights) {
  cpu::isa_choice();  // NSMLAB_CPU_ISA checked, and oneDNN capped, before any oneDNN use
  const size_t H = config.hidden_size, I = config.intermediate_size;
  layers_.resize(weights.layers.size());
  for (size_t i = 0; i < layers_.size(); ++i) {
    const EncoderLayerWeights& w = weights.layers[i];
    Layer& l = layers_[i];
    l.qkv_weight.resize(3 * H * H);
    l.qkv_bias.resize(3 * H);
    const LinearWeights* parts[3] = {&w.query, &w.key, &w.value};
    for (size_t p = 0; p < 3; ++p) {
      std::memcpy(l.qkv_weight.data() + p * H * H, parts[p]->weight.data, H * H * sizeof(float));
      std::memcpy(l.qkv_bias.data() + p * H, parts[p]->bias.data, H * sizeof(float));
    }
    l.qkv = Linear(l.qkv_weight.data(), l.qkv_bias.data(), H, 3 * H);
    l.attention_output = Linear(w.attention_output.weight.data, w.attention_output.bias.data, H, H);
    l.intermediate = Linear(w.intermediate.weight.data, w.intermediate.bias.data, H, I, config.hidden_act);
    l.output = Linear(w.output.weight.data, w.output.bias.data, I, H);
  }
}

void TransformerEncoder::embed(const TokenBatch& batch, const PackedTokens& tokens, float* x) const {
  const size_t H = config_.hidden_size, S = batch.seq_len;
  const int pad_idx = config_.position_padding_idx();
  const bool has_types = config_.family != ModelFamily::MPNet;
  std::vector<int32_t> position(tokens.total());
  for (size_t b = 0; b < batch.batch; ++b) {
    const int32_t* ids = batch.ids.data() + b * S;
    // RoBERTa/MPNet count positions over non-pad ids from padding_idx + 1 (transformers'
    // create_position_ids_from_input_ids); BERT uses the column.
    std::vector<int32_t> col_pos(S);
    int32_t running = 0;
    for (size_t j = 0; j < S; ++j) {
      if (pad_idx < 0) {
        col_pos[j] = static_cast<int32_t>(j);
      } else {
        const bool real = ids[j] != pad_idx;
        running += real;
        col_pos[j] = real ? running + pad_idx : pad_idx;
      }
    }
    for (size_t t = tokens.offset[b]; t < tokens.offset[b + 1]; ++t) {
      const size_t c = static_cast<size_t>(tokens.column[t]);
      const int32_t id = ids[c];
      if (id < 0 || static_cast<size_t>(id) >= config_.vocab_size)
        fail("token id {} (sequence {}, position {}) is outside the vocabulary of {} tokens", id, b, c,
             config_.vocab_size);
      if (static_cast<size_t>(col_pos[c]) >= config_.max_position_embeddings)
        fail("sequence {} is too long for the model: position {} needs more than the {} position embeddings "
             "(at most {} tokens)", b, c, config_.max_position_embeddings, config_.max_sequence_positions());
      if (has_types && !batch.type_ids.empty()) {
        const int32_t ty = batch.type_ids[b * S + c];
        if (ty < 0 || static_cast<size_t>(ty) >= config_.type_vocab_size)
          fail("token type id {} (sequence {}, position {}) is outside the {} token types", ty, b, c,
               config_.type_vocab_size);
      }
      position[t] = col_pos[c];
    }
  }
  const long total = static_cast<long>(tokens.total());
#pragma omp parallel for schedule(static) if (total * H > 16384)
  for (long t = 0; t < total; ++t) {
    const size_t b = static_cast<size_t>(std::upper_bound(tokens.offset.begin(), tokens.offset.end(), size_t(t)) -
                                         tokens.offset.begin()) - 1;
    const size_t c = static_cast<size_t>(tokens.column[t]);
    const float* word = weights_.word_embeddings.data + size_t(batch.ids[b * S + c]) * H;
    const float* pos = weights_.position_embeddings.data + size_t(position[t]) * H;
    float* row = x + size_t(t) * H;
    if (has_types) {
      const size_t ty = batch.type_ids.empty() ? 0 : size_t(batch.type_ids[b * S + c]);
      const float* type = weights_.token_type_embeddings.data + ty * H;
#pragma omp simd
      for (size_t i = 0; i < H; ++i) row[i] = word[i] + type[i] + pos[i];
    } else {
#pragma omp simd
      for (size_t i = 0; i < H; ++i) row[i] = word[i] + pos[i];
    }
  }
  layer_norm_rows(x, tokens.total(), H, weights_.embedding_norm.gamma.data, weights_.embedding_norm.beta.data,
                  static_cast<float>(config_.layer_norm_eps));
}

std::vector<float> TransformerEncoder::forward(const TokenBatch& batch, const PackedTokens& tokens) const {
  const size_t H = config_.hidden_size, I = config_.intermediate_size, T = tokens.total();
  const float eps = static_cast<float>(config_.layer_norm_eps);
  if (T == 0) return {};
  // Products run on a row count rounded up to 16: every batch packs to a different token
  // count, and a new oneDNN primitive per count would cost more than the few spare rows.
  // The spare rows start at zero, are never read back, and stay finite.
  const size_t Tp = (T + 15) / 16 * 16;
  std::vector<float> x(Tp * H);
  embed(batch, tokens, x.data());

  std::vector<float> bias_table;
  RelativeBias bias;
  if (config_.family == ModelFamily::MPNet) {
    const size_t span = std::max<size_t>(batch.seq_len, 1);
    bias_table = mpnet_relative_bias(weights_.relative_attention_bias.data, config_.num_attention_heads, span);
    bias = {bias_table.data(), span};
  }
  std::vector<float> qkv(Tp * 3 * H), context(Tp * H), inner(Tp * I);
  for (size_t li = 0; li < layers_.size(); ++li) {
    const Layer& l = layers_[li];
    const EncoderLayerWeights& w = weights_.layers[li];
    l.qkv.forward(x.data(), Tp, qkv.data());
    packed_attention(qkv.data(), H, config_.num_attention_heads, tokens, bias, context.data());
    l.attention_output.forward_accumulate(context.data(), Tp, x.data());  // x += attn(x) Wo^T + bo
    layer_norm_rows(x.data(), T, H, w.attention_norm.gamma.data, w.attention_norm.beta.data, eps);
    l.intermediate.forward(x.data(), Tp, inner.data());  // bias and activation fused
    l.output.forward_accumulate(inner.data(), Tp, x.data());
    layer_norm_rows(x.data(), T, H, w.output_norm.gamma.data, w.output_norm.beta.data, eps);
  }
  x.resize(T * H);
  return x;
}

}  // namespace nsmlab
