#include "nn/transformer_encoder.h"

#include <algorithm>

#include "cpu/isa.h"
#include "nn/attention.h"
#include "nn/encoder_graph.h"
#include "nn/kernels.h"
#include "nn/relative_position.h"
#include "nn/scratch.h"
#include "util/error.h"

namespace nsmlab {

namespace {

LinearSpec spec_of(std::initializer_list<const LinearWeights*> parts, size_t in, Activation act = Activation::Identity) {
  LinearSpec s;
  s.in = in;
  s.activation = act;
  for (const LinearWeights* p : parts) {
    s.weights.push_back(p->weight);
    s.biases.push_back(p->bias);
  }
  return s;
}

// This thread's scratch buffer `slot` (nn/scratch.h), at least n floats: fresh buffers on every
// call (about 50 MB for 32 x 64 tokens of a base model) cost page faults and zeroing, measured
// at 15-20% of a bf16 or int8 forward on a 2-core VM. Bounded by the largest batch seen.
float* thread_buffer(int slot, size_t n) {
  thread_local Scratch<float> buffers[7];
  return buffers[slot].get(n);
}

}  // namespace

TransformerEncoder::TransformerEncoder(const TransformerConfig& config, const TransformerWeights& weights,
                                       Precision precision)
    : config_(config), weights_(weights), precision_(precision) {
  cpu::isa_choice();  // NSMLAB_CPU_ISA checked, and oneDNN capped, before any oneDNN use
  const size_t H = config.hidden_size, I = config.intermediate_size;
  layers_.resize(weights.layers.size());
  for (size_t i = 0; i < layers_.size(); ++i) {
    const EncoderLayerWeights& w = weights.layers[i];
    Layer& l = layers_[i];
    // Q, K and V stacked once at load: one product instead of three.
    l.qkv = make_linear_kernel(spec_of({&w.query, &w.key, &w.value}, H), precision);
    l.attention_output = make_linear_kernel(spec_of({&w.attention_output}, H), precision);
    l.intermediate = make_linear_kernel(spec_of({&w.intermediate}, H, config.hidden_act), precision);
    l.output = make_linear_kernel(spec_of({&w.output}, I), precision);
    // FFN-up hands FFN-down its rows in their shared compute form (bf16, int8), never in fp32.
    const RowForm inner = l.intermediate->native_form();
    l.inner_form = inner == l.output->native_form() ? inner : RowForm::Fp32;
  }
}

TransformerEncoder::~TransformerEncoder() = default;

size_t TransformerEncoder::packed_bytes() const {
  size_t n = 0;
  for (const Layer& l : layers_)
    n += l.qkv->packed_bytes() + l.attention_output->packed_bytes() + l.intermediate->packed_bytes() +
         l.output->packed_bytes();
  return n;
}

std::vector<int32_t> packed_position_ids(const TransformerConfig& config, const PackedBatch& batch) {
  const int pad_idx = config.position_padding_idx();
  const bool has_types = config.family != ModelFamily::MPNet;
  std::vector<int32_t> position(batch.tokens());
  for (size_t b = 0; b < batch.sequences(); ++b) {
    // RoBERTa/MPNet count positions over non-pad ids from padding_idx + 1 (transformers'
    // create_position_ids_from_input_ids); BERT uses the column.
    int32_t running = 0;
    for (size_t t = batch.offset[b]; t < batch.offset[b + 1]; ++t) {
      const int32_t id = batch.ids[t];
      const int32_t c = batch.column[t];
      if (id < 0 || static_cast<size_t>(id) >= config.vocab_size)
        fail("token id {} (sequence {}, position {}) is outside the vocabulary of {} tokens", id, b, c,
             config.vocab_size);
      int32_t pos = c;
      if (pad_idx >= 0) {
        const bool real = id != pad_idx;
        running += real;
        pos = real ? running + pad_idx : pad_idx;
      }
      if (pos < 0 || static_cast<size_t>(pos) >= config.max_position_embeddings)
        fail("sequence {} is too long for the model: position {} needs more than the {} position embeddings "
             "(at most {} tokens)", b, c, config.max_position_embeddings, config.max_sequence_positions());
      if (has_types && !batch.type_ids.empty()) {
        const int32_t ty = batch.type_ids[t];
        if (ty < 0 || static_cast<size_t>(ty) >= config.type_vocab_size)
          fail("token type id {} (sequence {}, position {}) is outside the {} token types", ty, b, c,
               config.type_vocab_size);
      }
      position[t] = pos;
    }
  }
  return position;
}

// The CPU's ops on one batch's fp32 activation buffers.
struct TransformerEncoder::Pass {
  const TransformerEncoder& e;
  const PackedBatch& batch;
  size_t H, I, T, Tp;  // Tp: T padded to a row bucket, so each product is one oneDNN call
  float eps;
  float* x;  // the hidden state, returned: this thread's scratch (transformer_encoder.h)
  float *qkv_buf, *context, *inner, *inner_scale;  // scratch, reused by this thread
  // x's rows in the form the next product reads (linear_kernel.h), written by the LayerNorm
  // before it in the same pass: Tp x H bf16 values or int8 codes, and the codes' row scales.
  void* prepared;
  float* prepared_scale;
  RowForm prepared_form = RowForm::Fp32;
  std::vector<float> bias_table;
  RelativeBias bias;

  Pass(const TransformerEncoder& enc, const PackedBatch& b)
      : e(enc), batch(b), H(enc.config_.hidden_size), I(enc.config_.intermediate_size), T(b.tokens()),
        Tp(row_bucket(T)), eps(static_cast<float>(enc.config_.layer_norm_eps)), x(thread_buffer(6, Tp * H)),
        qkv_buf(thread_buffer(0, Tp * 3 * H)), context(thread_buffer(1, Tp * H)), inner(thread_buffer(2, Tp * I)),
        inner_scale(thread_buffer(3, Tp)), prepared(thread_buffer(4, (Tp * H + 1) / 2)),
        prepared_scale(thread_buffer(5, Tp)) {
    // Spare rows (T..Tp) are computed like the others, never read back. The scratch rows a
    // product reads before this call writes them (x's from the embeddings, context's from
    // attention, prepared's from LayerNorm: all write real rows only) are zeroed, so they never
    // depend on an earlier call's values: zero values in every form, zero codes with scale 0.
    std::fill(x + T * H, x + Tp * H, 0.f);
    std::fill(context + T * H, context + Tp * H, 0.f);
    std::fill(static_cast<uint16_t*>(prepared) + T * H, static_cast<uint16_t*>(prepared) + Tp * H, uint16_t(0));
    std::fill(static_cast<int8_t*>(prepared) + T * H, static_cast<int8_t*>(prepared) + Tp * H, int8_t(0));
    std::fill(prepared_scale + T, prepared_scale + Tp, 0.f);
    if (e.config_.family == ModelFamily::MPNet) {
      const size_t span = std::max<size_t>(b.longest(), 1);
      bias_table = mpnet_relative_bias(e.weights_.relative_attention_bias.data, e.config_.num_attention_heads, span);
      bias = {bias_table.data(), span};
    }
  }

  void embeddings() {
    const std::vector<int32_t> position = packed_position_ids(e.config_, batch);
    const bool has_types = e.config_.family != ModelFamily::MPNet;
    const TransformerWeights& w = e.weights_;
    const long total = static_cast<long>(T);
#pragma omp parallel for schedule(static) if (total * H > 16384)
    for (long t = 0; t < total; ++t) {
      const float* word = w.word_embeddings.data + size_t(batch.ids[t]) * H;
      const float* pos = w.position_embeddings.data + size_t(position[t]) * H;
      float* row = x + size_t(t) * H;
      if (has_types) {
        const size_t ty = batch.type_ids.empty() ? 0 : size_t(batch.type_ids[t]);
        const float* type = w.token_type_embeddings.data + ty * H;
#pragma omp simd
        for (size_t i = 0; i < H; ++i) row[i] = word[i] + type[i] + pos[i];
      } else {
#pragma omp simd
        for (size_t i = 0; i < H; ++i) row[i] = word[i] + pos[i];
      }
    }
    normalize(w.embedding_norm, e.layers_.empty() ? nullptr : e.layers_[0].qkv.get());
  }
  // x = LayerNorm(x), also written in `next`'s native form when it has one (and next reads it).
  void normalize(const LayerNormWeights& n, const LinearKernel* next) {
    prepared_form = next ? next->native_form() : RowForm::Fp32;
    switch (prepared_form) {
      case RowForm::Fp32: return layer_norm_rows(x, T, H, n.gamma.data, n.beta.data, eps);
      case RowForm::Bf16:
        return layer_norm_rows_bf16(x, T, H, n.gamma.data, n.beta.data, eps, static_cast<uint16_t*>(prepared));
      case RowForm::Int8:
        return layer_norm_rows_s8(x, T, H, n.gamma.data, n.beta.data, eps, static_cast<int8_t*>(prepared),
                                  prepared_scale);
    }
  }
  // x as a product reads it: the prepared rows when they are in that product's form.
  ProductInput x_for(const LinearKernel& k) const {
    if (prepared_form == RowForm::Fp32 || prepared_form != k.native_form()) return {.f32 = x};
    if (prepared_form == RowForm::Bf16) return {.bf16 = static_cast<const uint16_t*>(prepared)};
    return {.s8 = static_cast<const int8_t*>(prepared), .s8_scale = prepared_scale};
  }
  void qkv(size_t l) { e.layers_[l].qkv->run(x_for(*e.layers_[l].qkv), Tp, {.f32 = qkv_buf}); }
  void attention(size_t) {
    packed_attention(qkv_buf, H, e.config_.num_attention_heads, batch, bias, context);
  }
  void attention_output(size_t l) {
    prepared_form = RowForm::Fp32;  // x changes here: the prepared rows are stale
    e.layers_[l].attention_output->forward(context, Tp, x, true);
  }
  void attention_norm(size_t l) { normalize(e.weights_.layers[l].attention_norm, e.layers_[l].intermediate.get()); }
  // inner holds Tp x I floats, or as many bf16 values in its first half, or int8 codes in its
  // first quarter with their row scales in inner_scale (only the products read them).
  ProductOutput inner_output(RowForm form) const {
    if (form == RowForm::Bf16) return {.bf16 = reinterpret_cast<uint16_t*>(inner)};
    if (form == RowForm::Int8) return {.s8 = reinterpret_cast<int8_t*>(inner), .s8_scale = inner_scale};
    return {.f32 = inner};
  }
  ProductInput inner_input(RowForm form) const {
    if (form == RowForm::Bf16) return {.bf16 = reinterpret_cast<const uint16_t*>(inner)};
    if (form == RowForm::Int8) return {.s8 = reinterpret_cast<const int8_t*>(inner), .s8_scale = inner_scale};
    return {.f32 = inner};
  }
  void intermediate(size_t l) {
    const Layer& k = e.layers_[l];
    k.intermediate->run(x_for(*k.intermediate), Tp, inner_output(k.inner_form));
  }
  void output(size_t l) {
    const Layer& k = e.layers_[l];
    prepared_form = RowForm::Fp32;
    k.output->run(inner_input(k.inner_form), Tp, {.f32 = x, .accumulate = true});
  }
  void output_norm(size_t l) {
    normalize(e.weights_.layers[l].output_norm, l + 1 < e.layers_.size() ? e.layers_[l + 1].qkv.get() : nullptr);
  }
};

const float* TransformerEncoder::forward(const PackedBatch& batch) const {
  validate_packed_batch(batch);
  if (batch.tokens() == 0) return {};
  Pass pass(*this, batch);
  run_encoder_graph(pass, layers_.size());
  return pass.x;
}

}  // namespace nsmlab
