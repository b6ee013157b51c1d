#include "cuda/device_model.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "cuda/attention.h"
#include "cuda/device_buffer.h"
#include "cuda/device_error.h"
#include "cuda/gemm.h"
#include "cuda/kernels.h"
#include "nn/encoder_graph.h"

namespace nsmlab::cuda {

namespace {

constexpr size_t kStagingBytes = 64u << 20;  // weights cross in chunks of this size before conversion

size_t align16(size_t n) { return (n + 15) & ~size_t(15); }

size_t dtype_bytes(int32_t dtype) {
  switch (dtype) {
    case NSMLAB_GPU_F32: return 4;
    case NSMLAB_GPU_F16:
    case NSMLAB_GPU_BF16: return 2;
  }
  invalid("weight tensor of unknown dtype " + std::to_string(dtype));
}

template <class T> cudaDataType_t cuda_type();
template <> cudaDataType_t cuda_type<float>() { return CUDA_R_32F; }
template <> cudaDataType_t cuda_type<__half>() { return CUDA_R_16F; }
template <> cudaDataType_t cuda_type<__nv_bfloat16>() { return CUDA_R_16BF; }

struct Stream {
  cudaStream_t s = nullptr;
  Stream() { check_cuda(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking), "cudaStreamCreate"); }
  ~Stream() {
    if (s) cudaStreamDestroy(s);
  }
};

template <class T>
class TypedModel final : public DeviceModel {
 public:
  TypedModel(const nsmlab_gpu_model& m, int device) : m_(m), device_(device) {
    if (m.hidden == 0 || m.heads == 0 || m.hidden % m.heads != 0) invalid("hidden size not a multiple of the heads");
    if (m.hidden / m.heads > 128) invalid("attention heads wider than 128 are not supported on the GPU");
    gemm_ = std::make_unique<Gemm>(cuda_type<T>(), stream_.s);
    const size_t H = m.hidden, I = m.intermediate;
    word_ = upload<T>(m.word_embeddings, m.vocab * H, "word embeddings");
    position_ = upload<T>(m.position_embeddings, m.max_positions * H, "position embeddings");
    if (m.token_type_embeddings.numel) type_ = upload<T>(m.token_type_embeddings, m.type_vocab * H, "token types");
    emb_gamma_ = upload<float>(m.embedding_norm_gamma, H, "embedding LayerNorm");
    emb_beta_ = upload<float>(m.embedding_norm_beta, H, "embedding LayerNorm");
    for (uint64_t i = 0; i < m.layers; ++i) {
      const nsmlab_gpu_layer& w = m.layer[i];
      Layer l;
      // Q, K and V stacked into one [3H, H] matrix: one product per layer instead of three.
      l.qkv_w = reserve<T>(3 * H * H, "QKV weights");
      l.qkv_b = reserve<T>(3 * H, "QKV bias");
      const nsmlab_gpu_linear* parts[3] = {&w.query, &w.key, &w.value};
      for (int p = 0; p < 3; ++p) {
        upload_into(l.qkv_w + p * H * H, parts[p]->weight, H * H, "QKV weights");
        upload_bias_into(l.qkv_b + p * H, parts[p]->bias, H);
      }
      l.ao_w = upload<T>(w.attention_output.weight, H * H, "attention output");
      l.ao_b = upload_bias(w.attention_output.bias, H);
      l.in_w = upload<T>(w.intermediate.weight, I * H, "intermediate");
      l.in_b = upload_bias(w.intermediate.bias, I);
      l.out_w = upload<T>(w.output.weight, H * I, "output");
      l.out_b = upload_bias(w.output.bias, H);
      l.ln1_g = upload<float>(w.attention_norm_gamma, H, "LayerNorm");
      l.ln1_b = upload<float>(w.attention_norm_beta, H, "LayerNorm");
      l.ln2_g = upload<float>(w.output_norm_gamma, H, "LayerNorm");
      l.ln2_b = upload<float>(w.output_norm_beta, H, "LayerNorm");
      layers_.push_back(l);
    }
    modes_ = {m.pool_cls != 0, m.pool_max != 0, m.pool_mean != 0, m.pool_mean_sqrt_len != 0,
              m.pool_weighted_mean != 0, m.pool_last_token != 0, m.include_prompt != 0};
    pooled_width_ = size_t(modes_.count()) * H;
    if (pooled_width_ == 0) invalid("no pooling mode enabled");
    dimension_ = pooled_width_;
    if (m.has_dense) {
      if (m.dense.in != pooled_width_) invalid("Dense input width differs from the pooled width");
      // The Dense head is one small product per sentence: fp32, as on the CPU.
      dense_gemm_ = std::make_unique<Gemm>(CUDA_R_32F, stream_.s);
      dense_w_ = upload<float>(m.dense.weight, m.dense.out * m.dense.in, "Dense weights");
      if (m.dense.bias.data) dense_b_ = upload<float>(m.dense.bias, m.dense.out, "Dense bias");
      dimension_ = m.dense.out;
    }
    staging_.release();
    check_cuda(cudaStreamSynchronize(stream_.s), "weight upload");
    // Pointers into the caller's description are not kept: its memory may go once open returns.
    m_.layer = nullptr;
  }

  void embed(const nsmlab_gpu_batch& b, float* out) override {
    guarded([&] {
      encode(b);
      const int B = b.sequences;
      auto* pooled = static_cast<float*>(pooled_.reserve(size_t(B) * pooled_width_ * sizeof(float), "pooled rows"));
      pool<T>(x(), int(m_.hidden), in_offset_, in_column_, in_prompt_, B, modes_, pooled, stream_.s);
      float* result = pooled;
      if (dense_gemm_) {
        auto* dense = static_cast<float*>(dense_out_.reserve(size_t(B) * dimension_ * sizeof(float), "Dense rows"));
        dense_gemm_->linear(pooled, B, int(pooled_width_), dense_w_, int(dimension_), dense_b_, dense, false);
        activate<float>(dense, size_t(B) * dimension_, m_.dense_activation, stream_.s);
        result = dense;
      }
      if (m_.normalize) l2_normalize(result, B, int(dimension_), stream_.s);
      check_launch("pooling");
      copy_back(result, size_t(B) * dimension_, out);
    });
  }

  void token_states(const nsmlab_gpu_batch& b, float* out) override {
    guarded([&] {
      encode(b);
      const size_t n = size_t(b.tokens) * m_.hidden;
      float* wide = static_cast<float*>(pooled_.reserve(n * sizeof(float), "token states"));
      widen<T>(x(), wide, n, stream_.s);
      check_launch("widen");
      copy_back(wide, n, out);
    });
  }

  size_t dimension() const override { return dimension_; }
  size_t hidden() const override { return m_.hidden; }
  size_t weight_bytes() const override { return weight_bytes_; }

  // The encoder_graph.h ops on this batch's device buffers.
  struct Ops {
    TypedModel& s;
    int rows;
    void embeddings() {
      const EmbeddingTables e{s.word_, s.position_, s.type_, s.emb_gamma_, s.emb_beta_};
      embeddings_layer_norm<T_>(e, s.in_ids_, s.in_types_, s.in_position_, rows, int(s.m_.hidden), s.m_.layer_norm_eps,
                                s.x(), s.stream_.s);
      check_launch("embeddings");
    }
    void qkv(size_t l) {
      const Layer& w = s.layers_[l];
      s.gemm_->linear(s.x(), rows, int(s.m_.hidden), w.qkv_w, int(3 * s.m_.hidden), w.qkv_b, s.qkv(), false);
    }
    void attention(size_t) {
      AttentionArgs a{s.qkv(), s.ctx(), s.in_offset_, s.in_column_, s.in_bias_, s.span_, s.in_items_,
                      s.item_count_, int(s.m_.hidden), int(s.m_.heads)};
      if (!varlen_attention<T_>(a, s.stream_.s)) invalid("attention head size not supported");
      check_launch("attention");
    }
    void attention_output(size_t l) {  // x += ctx Wo^T + bo: the residual is cuBLASLt's beta
      const Layer& w = s.layers_[l];
      s.gemm_->linear(s.ctx(), rows, int(s.m_.hidden), w.ao_w, int(s.m_.hidden), w.ao_b, s.x(), true);
    }
    void attention_norm(size_t l) {
      const Layer& w = s.layers_[l];
      layer_norm<T_>(s.x(), w.ln1_g, w.ln1_b, rows, int(s.m_.hidden), s.m_.layer_norm_eps, s.stream_.s);
      check_launch("LayerNorm");
    }
    void intermediate(size_t l) {
      const Layer& w = s.layers_[l];
      s.gemm_->linear(s.x(), rows, int(s.m_.hidden), w.in_w, int(s.m_.intermediate), w.in_b, s.inner(), false);
      activate<T_>(s.inner(), size_t(rows) * s.m_.intermediate, s.m_.hidden_act, s.stream_.s);
      check_launch("activation");
    }
    void output(size_t l) {
      const Layer& w = s.layers_[l];
      s.gemm_->linear(s.inner(), rows, int(s.m_.intermediate), w.out_w, int(s.m_.hidden), w.out_b, s.x(), true);
    }
    void output_norm(size_t l) {
      const Layer& w = s.layers_[l];
      layer_norm<T_>(s.x(), w.ln2_g, w.ln2_b, rows, int(s.m_.hidden), s.m_.layer_norm_eps, s.stream_.s);
      check_launch("LayerNorm");
    }
  };

 private:
  using T_ = T;
  struct Layer {
    T *qkv_w, *qkv_b, *ao_w, *ao_b, *in_w, *in_b, *out_w, *out_b;
    float *ln1_g, *ln1_b, *ln2_g, *ln2_b;
  };

  // Out of memory: the activation buffers go, so the caller's smaller retry can allocate them.
  template <class F>
  void guarded(F&& f) {
    check_cuda(cudaSetDevice(device_), "cudaSetDevice");
    try {
      f();
    } catch (const DeviceError& e) {
      cudaStreamSynchronize(stream_.s);
      if (e.status == NSMLAB_GPU_OUT_OF_MEMORY)
        for (DeviceBuffer* b : {&x_, &qkv_, &ctx_, &inner_, &pooled_, &dense_out_, &inputs_}) b->release();
      throw;
    }
  }

  template <class U>
  U* reserve(size_t n, const char* what) {
    owned_.emplace_back();
    weight_bytes_ += n * sizeof(U);
    return static_cast<U*>(owned_.back().reserve(std::max<size_t>(n, 1) * sizeof(U), what));
  }

  template <class U>
  void upload_into(U* dst, const nsmlab_gpu_tensor& t, size_t expected, const char* what) {
    if (t.numel != expected)
      invalid(std::string(what) + ": " + std::to_string(t.numel) + " values where " + std::to_string(expected) +
              " were expected");
    if (!t.data) invalid(std::string(what) + ": no data");
    const size_t width = dtype_bytes(t.dtype);
    void* stage = staging_.reserve(kStagingBytes, "weight staging buffer");
    const size_t per_chunk = kStagingBytes / width;
    const auto* src = static_cast<const unsigned char*>(t.data);
    for (size_t at = 0; at < expected; at += per_chunk) {
      const size_t n = std::min(per_chunk, expected - at);
      check_cuda(cudaMemcpyAsync(stage, src + at * width, n * width, cudaMemcpyHostToDevice, stream_.s),
                 "weight upload");
      convert<U>(stage, t.dtype, dst + at, n, stream_.s);
      check_launch("weight conversion");
      check_cuda(cudaStreamSynchronize(stream_.s), "weight conversion");  // the staging buffer is reused
    }
  }
  template <class U>
  U* upload(const nsmlab_gpu_tensor& t, size_t expected, const char* what) {
    U* dst = reserve<U>(expected, what);
    upload_into(dst, t, expected, what);
    return dst;
  }
  void upload_bias_into(T* dst, const nsmlab_gpu_tensor& t, size_t n) {
    if (t.data) upload_into(dst, t, n, "bias");
    else check_cuda(cudaMemsetAsync(dst, 0, n * sizeof(T), stream_.s), "bias");
  }
  T* upload_bias(const nsmlab_gpu_tensor& t, size_t n) {
    T* dst = reserve<T>(n, "bias");
    upload_bias_into(dst, t, n);
    return dst;
  }

  T* x() { return x_.as<T>(); }
  T* qkv() { return qkv_.as<T>(); }
  T* ctx() { return ctx_.as<T>(); }
  T* inner() { return inner_.as<T>(); }

  // Inputs to the device in one copy, activations reserved, then the network (encoder_graph.h).
  void encode(const nsmlab_gpu_batch& b) {
    if (b.struct_size != sizeof(nsmlab_gpu_batch)) invalid("batch description of another plugin version");
    const int B = b.sequences, tokens = b.tokens;
    if (B <= 0 || tokens <= 0 || b.offset[0] != 0 || b.offset[B] != tokens) invalid("empty or inconsistent batch");
    // Attention work: every sequence cut into blocks of queries (no padding, no empty blocks).
    const int block = attention_block_queries(int(m_.hidden / m_.heads));
    std::vector<AttentionItem> items;
    for (int s = 0; s < B; ++s)
      for (int q = 0; q < b.offset[s + 1] - b.offset[s]; q += block) items.push_back({s, q});
    item_count_ = int(items.size());
    span_ = b.relative_bias ? b.span : 0;
    const size_t bias_floats = b.relative_bias ? m_.heads * size_t(2 * b.span - 1) : 0;
    // One pinned staging area, laid out in 16-byte aligned parts.
    size_t at = 0;
    auto part = [&](size_t bytes) { const size_t p = at; at += align16(bytes); return p; };
    const size_t o_ids = part(size_t(tokens) * 4), o_types = b.type_ids ? part(size_t(tokens) * 4) : 0, o_pos = part(size_t(tokens) * 4),
                 o_col = part(size_t(tokens) * 4), o_off = part((B + 1) * 4), o_prompt = b.prompt_len ? part(B * 4) : 0,
                 o_items = part(items.size() * sizeof(AttentionItem)), o_bias = part(bias_floats * 4);
    auto* host = static_cast<unsigned char*>(host_in_.reserve(at, "pinned input buffer"));
    std::memcpy(host + o_ids, b.ids, size_t(tokens) * 4);
    if (b.type_ids) std::memcpy(host + o_types, b.type_ids, size_t(tokens) * 4);
    std::memcpy(host + o_pos, b.position, size_t(tokens) * 4);
    std::memcpy(host + o_col, b.column, size_t(tokens) * 4);
    std::memcpy(host + o_off, b.offset, (B + 1) * 4);
    if (b.prompt_len) std::memcpy(host + o_prompt, b.prompt_len, B * 4);
    std::memcpy(host + o_items, items.data(), items.size() * sizeof(AttentionItem));
    if (bias_floats) std::memcpy(host + o_bias, b.relative_bias, bias_floats * 4);
    auto* dev = static_cast<unsigned char*>(inputs_.reserve(at, "batch inputs"));
    check_cuda(cudaMemcpyAsync(dev, host, at, cudaMemcpyHostToDevice, stream_.s), "batch upload");
    in_ids_ = reinterpret_cast<int32_t*>(dev + o_ids);
    in_types_ = b.type_ids ? reinterpret_cast<int32_t*>(dev + o_types) : nullptr;
    in_position_ = reinterpret_cast<int32_t*>(dev + o_pos);
    in_column_ = reinterpret_cast<int32_t*>(dev + o_col);
    in_offset_ = reinterpret_cast<int32_t*>(dev + o_off);
    in_prompt_ = b.prompt_len ? reinterpret_cast<int32_t*>(dev + o_prompt) : nullptr;
    in_items_ = reinterpret_cast<AttentionItem*>(dev + o_items);
    in_bias_ = bias_floats ? reinterpret_cast<float*>(dev + o_bias) : nullptr;

    const size_t H = m_.hidden, I = m_.intermediate;
    x_.reserve(tokens * H * sizeof(T_), "hidden states");
    qkv_.reserve(tokens * 3 * H * sizeof(T_), "QKV activations");
    ctx_.reserve(tokens * H * sizeof(T_), "attention context");
    inner_.reserve(tokens * I * sizeof(T_), "intermediate activations");
    Ops ops{*this, tokens};
    run_encoder_graph(ops, layers_.size());
  }

  void copy_back(const float* src, size_t n, float* out) {
    float* host = static_cast<float*>(host_out_.reserve(n * sizeof(float), "pinned output buffer"));
    check_cuda(cudaMemcpyAsync(host, src, n * sizeof(float), cudaMemcpyDeviceToHost, stream_.s), "copy back");
    check_cuda(cudaStreamSynchronize(stream_.s), "encoder");
    std::memcpy(out, host, n * sizeof(float));
  }

  nsmlab_gpu_model m_;
  int device_;
  Stream stream_;
  std::unique_ptr<Gemm> gemm_, dense_gemm_;
  std::vector<DeviceBuffer> owned_;
  size_t weight_bytes_ = 0;
  DeviceBuffer staging_;
  T *word_ = nullptr, *position_ = nullptr, *type_ = nullptr;
  float *emb_gamma_ = nullptr, *emb_beta_ = nullptr, *dense_w_ = nullptr, *dense_b_ = nullptr;
  std::vector<Layer> layers_;
  PoolingModes modes_{};
  size_t pooled_width_ = 0, dimension_ = 0;

  DeviceBuffer x_, qkv_, ctx_, inner_, pooled_, dense_out_, inputs_;
  PinnedBuffer host_in_, host_out_;
  int32_t *in_ids_ = nullptr, *in_types_ = nullptr, *in_position_ = nullptr, *in_column_ = nullptr,
          *in_offset_ = nullptr, *in_prompt_ = nullptr;
  float* in_bias_ = nullptr;
  AttentionItem* in_items_ = nullptr;
  int item_count_ = 0, span_ = 0;
};

}  // namespace

std::unique_ptr<DeviceModel> open_device_model(const nsmlab_gpu_model& model, int device, int precision) {
  if (model.struct_size != sizeof(nsmlab_gpu_model)) invalid("model description of another plugin version");
  check_cuda(cudaSetDevice(device), "cudaSetDevice");
  switch (precision) {
    case NSMLAB_GPU_FP32: return std::make_unique<TypedModel<float>>(model, device);
    case NSMLAB_GPU_FP16: return std::make_unique<TypedModel<__half>>(model, device);
    case NSMLAB_GPU_BF16_COMPUTE: {
      int major = 0;
      check_cuda(cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, device), "compute capability");
      if (major < 8) invalid("bf16 needs compute capability 8.0 or newer (Ampere)");
      return std::make_unique<TypedModel<__nv_bfloat16>>(model, device);
    }
  }
  invalid("unknown precision " + std::to_string(precision));
}

}  // namespace nsmlab::cuda
