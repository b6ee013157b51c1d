#include "model/transformer_weights.h"

#include <string>

namespace nsmlab {

const char* anchor_tensor_name() { return "embeddings.word_embeddings.weight"; }

namespace {

struct Loader {
  WeightStore& store;
  size_t count = 0;

  FloatTensor get(const std::string& name, std::vector<size_t> shape) {
    FloatTensor t = store.require(name, shape);
    count += t.numel();
    return t;
  }
  TensorView view(const std::string& name, std::vector<size_t> shape) {
    TensorView t = store.view(name, shape);
    count += t.numel();
    return t;
  }
  // Linear layers stay as stored: each backend packs them once in its own precision.
  LinearWeights linear(const std::string& name, size_t in, size_t out) {
    return {view(name + ".weight", {out, in}), view(name + ".bias", {out})};
  }
  LayerNormWeights norm(const std::string& name, size_t n) {
    return {get(name + ".weight", {n}), get(name + ".bias", {n})};
  }
};

}  // namespace

TransformerWeights load_transformer_weights(WeightStore& store, const TransformerConfig& c) {
  Loader L{store};
  TransformerWeights w;
  const size_t H = c.hidden_size, I = c.intermediate_size;
  w.word_embeddings = L.get("embeddings.word_embeddings.weight", {c.vocab_size, H});
  w.position_embeddings = L.get("embeddings.position_embeddings.weight", {c.max_position_embeddings, H});
  if (c.family != ModelFamily::MPNet)
    w.token_type_embeddings = L.get("embeddings.token_type_embeddings.weight", {c.type_vocab_size, H});
  w.embedding_norm = L.norm("embeddings.LayerNorm", H);
  const bool mpnet = c.family == ModelFamily::MPNet;
  for (size_t i = 0; i < c.num_hidden_layers; ++i) {
    const std::string p = "encoder.layer." + std::to_string(i) + ".";
    EncoderLayerWeights l;
    if (mpnet) {
      l.query = L.linear(p + "attention.attn.q", H, H);
      l.key = L.linear(p + "attention.attn.k", H, H);
      l.value = L.linear(p + "attention.attn.v", H, H);
      l.attention_output = L.linear(p + "attention.attn.o", H, H);
      l.attention_norm = L.norm(p + "attention.LayerNorm", H);
    } else {
      l.query = L.linear(p + "attention.self.query", H, H);
      l.key = L.linear(p + "attention.self.key", H, H);
      l.value = L.linear(p + "attention.self.value", H, H);
      l.attention_output = L.linear(p + "attention.output.dense", H, H);
      l.attention_norm = L.norm(p + "attention.output.LayerNorm", H);
    }
    l.intermediate = L.linear(p + "intermediate.dense", H, I);
    l.output = L.linear(p + "output.dense", I, H);
    l.output_norm = L.norm(p + "output.LayerNorm", H);
    w.layers.push_back(std::move(l));
  }
  if (mpnet)
    w.relative_attention_bias =
        L.get("encoder.relative_attention_bias.weight", {c.relative_attention_num_buckets, c.num_attention_heads});
  w.parameter_count = L.count;
  return w;
}

}  // namespace nsmlab
