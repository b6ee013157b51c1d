#include "engine/cuda_backend.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "engine/gpu_plugin.h"
#include "model/model_folder.h"
#include "model/transformer_weights.h"
#include "model/weight_store.h"
#include "nn/relative_position.h"
#include "nn/transformer_encoder.h"

namespace nsmlab {

namespace {

int32_t gpu_dtype(TensorDtype d) {
  switch (d) {
    case TensorDtype::F32: return NSMLAB_GPU_F32;
    case TensorDtype::F16: return NSMLAB_GPU_F16;
    case TensorDtype::BF16: return NSMLAB_GPU_BF16;
    default: fail("internal error: a weight tensor of an unsupported dtype reached the CUDA backend");
  }
}

nsmlab_gpu_tensor gpu_tensor(const TensorView& v) {
  if (v.empty()) return {NSMLAB_GPU_F32, nullptr, 0};
  return {gpu_dtype(v.dtype), v.data, v.numel()};
}
nsmlab_gpu_tensor gpu_tensor(const FloatTensor& t) {
  if (t.empty()) return {NSMLAB_GPU_F32, nullptr, 0};
  return {NSMLAB_GPU_F32, t.data, t.numel()};
}
nsmlab_gpu_linear gpu_linear(const LinearWeights& w) {
  const size_t out = w.weight.shape.empty() ? 0 : w.weight.shape[0];
  const size_t in = w.weight.shape.size() < 2 ? 0 : w.weight.shape[1];
  return {gpu_tensor(w.weight), gpu_tensor(w.bias), out, in};
}

int32_t gpu_precision(Precision p) {
  switch (p) {
    case Precision::Fp32: return NSMLAB_GPU_FP32;
    case Precision::Fp16: return NSMLAB_GPU_FP16;
    case Precision::Bf16: return NSMLAB_GPU_BF16_COMPUTE;
    default: throw BackendFailure(fmt::format("{} does not run on the GPU", precision_name(p)));
  }
}

int32_t checked_int(size_t v, const char* what) {
  if (v > size_t(std::numeric_limits<int32_t>::max())) fail("batch too large for the GPU: {} {}", v, what);
  return static_cast<int32_t>(v);
}

}  // namespace

struct CudaBackend::Inputs {
  std::vector<int32_t> position, offset;
  std::vector<float> bias;
  nsmlab_gpu_batch batch{};
};

CudaBackend::CudaBackend(const std::string& model_dir, const GpuPlugin& plugin, int device, Precision precision)
    : api_(plugin.api()) {
  const ModelFolder folder = load_model_folder(model_dir);
  config_ = folder.config;
  WeightStore store(folder.weights_path, anchor_tensor_name());
  const TransformerWeights w = load_transformer_weights(store, config_);
  std::vector<nsmlab_gpu_layer> layers;
  for (const EncoderLayerWeights& l : w.layers)
    layers.push_back({gpu_linear(l.query), gpu_linear(l.key), gpu_linear(l.value), gpu_linear(l.attention_output),
                      gpu_linear(l.intermediate), gpu_linear(l.output), gpu_tensor(l.attention_norm.gamma),
                      gpu_tensor(l.attention_norm.beta), gpu_tensor(l.output_norm.gamma),
                      gpu_tensor(l.output_norm.beta)});
  nsmlab_gpu_model m{};
  m.struct_size = sizeof(m);
  m.family = config_.family == ModelFamily::Bert      ? NSMLAB_GPU_BERT
             : config_.family == ModelFamily::Roberta ? NSMLAB_GPU_ROBERTA
                                                      : NSMLAB_GPU_MPNET;
  m.hidden = config_.hidden_size;
  m.heads = config_.num_attention_heads;
  m.intermediate = config_.intermediate_size;
  m.layers = layers.size();
  m.vocab = config_.vocab_size;
  m.max_positions = config_.max_position_embeddings;
  m.type_vocab = config_.family == ModelFamily::MPNet ? 0 : config_.type_vocab_size;
  m.layer_norm_eps = static_cast<float>(config_.layer_norm_eps);
  m.hidden_act = static_cast<int32_t>(config_.hidden_act);
  m.word_embeddings = gpu_tensor(w.word_embeddings);
  m.position_embeddings = gpu_tensor(w.position_embeddings);
  m.token_type_embeddings = gpu_tensor(w.token_type_embeddings);
  m.embedding_norm_gamma = gpu_tensor(w.embedding_norm.gamma);
  m.embedding_norm_beta = gpu_tensor(w.embedding_norm.beta);
  m.layer = layers.data();
  const PoolingConfig& p = folder.pooling;
  m.pool_cls = p.cls, m.pool_max = p.max, m.pool_mean = p.mean, m.pool_mean_sqrt_len = p.mean_sqrt_len;
  m.pool_weighted_mean = p.weighted_mean, m.pool_last_token = p.last_token, m.include_prompt = p.include_prompt;
  std::optional<WeightStore> dense_store;
  parameters_ = w.parameter_count;
  if (folder.dense) {
    const DenseConfig& d = *folder.dense;
    dense_store.emplace(d.weights_path, "linear.weight");
    m.has_dense = 1;
    m.dense.weight = gpu_tensor(dense_store->widen(dense_store->view("linear.weight", {d.out_features, d.in_features})));
    if (d.bias) m.dense.bias = gpu_tensor(dense_store->widen(dense_store->view("linear.bias", {d.out_features})));
    m.dense.out = d.out_features;
    m.dense.in = d.in_features;
    m.dense_activation = static_cast<int32_t>(d.activation);
    parameters_ += d.out_features * d.in_features + (d.bias ? d.out_features : 0);
  }
  m.normalize = folder.normalize;
  if (config_.family == ModelFamily::MPNet)
    relative_bias_.assign(w.relative_attention_bias.data,
                          w.relative_attention_bias.data + w.relative_attention_bias.numel());

  description_.device = DeviceKind::Cuda;
  description_.device_index = device;
  description_.precision = precision;
  const std::string name = description_.name();
  char error[1024] = {0};
  const int32_t status = api_.open(&m, device, gpu_precision(precision), &handle_, error, sizeof(error));
  if (status != NSMLAB_GPU_OK)  // out of memory at load is a start failure: the next backend runs
    throw BackendFailure(fmt::format("{}: {}", name, error));
  dimension_ = api_.dimension(handle_);
  const GpuDevice* dev = nullptr;
  for (const GpuDevice& d : plugin.devices())
    if (d.index == device) dev = &d;
  description_.device_name = dev ? dev->name : "GPU";
  description_.instruction_set = dev ? fmt::format("sm_{}{}", dev->cc_major, dev->cc_minor) : "";
  description_.libraries = {{"CUDA plugin", plugin.build_info()}};
  if (dev) description_.libraries["CUDA driver"] = cuda_version_text(dev->driver_version);
  description_.notes.push_back(fmt::format("{:.0f} MiB of weights on the GPU", api_.device_bytes(handle_) / 1048576.0));
}

CudaBackend::~CudaBackend() {
  if (handle_) api_.close(handle_);
}

CudaBackend::Inputs CudaBackend::prepare(const PackedBatch& batch) const {
  validate_packed_batch(batch);
  Inputs in;
  in.position = packed_position_ids(config_, batch);
  in.offset.reserve(batch.offset.size());
  for (size_t o : batch.offset) in.offset.push_back(checked_int(o, "tokens"));
  nsmlab_gpu_batch& b = in.batch;
  b.struct_size = sizeof(b);
  b.sequences = checked_int(batch.sequences(), "sequences");
  b.tokens = checked_int(batch.tokens(), "tokens");
  b.ids = batch.ids.data();
  b.type_ids = batch.type_ids.empty() ? nullptr : batch.type_ids.data();
  b.column = batch.column.data();
  b.position = in.position.data();
  b.offset = in.offset.data();
  b.prompt_len = batch.prompt_len.empty() ? nullptr : batch.prompt_len.data();
  if (!relative_bias_.empty()) {
    const size_t span = std::max<size_t>(batch.longest(), 1);
    in.bias = mpnet_relative_bias(relative_bias_.data(), config_.num_attention_heads, span);
    b.relative_bias = in.bias.data();
    b.span = checked_int(span, "tokens in a sequence");
  }
  return in;
}

void CudaBackend::check(int32_t status, const char* error) const {
  if (status == NSMLAB_GPU_OK) return;
  const std::string what = fmt::format("{}: {}", description_.name(), error);
  if (status == NSMLAB_GPU_OUT_OF_MEMORY) throw OutOfDeviceMemory(what);
  throw BackendFailure(what);
}

Matrix CudaBackend::embed(const PackedBatch& batch) {
  Matrix out(batch.sequences(), dimension_);
  if (batch.sequences() == 0) return out;
  if (batch.tokens() == 0) fail("a batch of empty sequences reached the GPU backend (the tokenizer always adds special tokens)");
  const Inputs in = prepare(batch);
  char error[1024] = {0};
  check(api_.embed(handle_, &in.batch, out.data.data(), out.data.size(), error, sizeof(error)), error);
  return out;
}

Matrix CudaBackend::token_states(const PackedBatch& batch) {
  Matrix out(batch.tokens(), config_.hidden_size);
  if (batch.tokens() == 0) return out;
  const Inputs in = prepare(batch);
  char error[1024] = {0};
  check(api_.token_states(handle_, &in.batch, out.data.data(), out.data.size(), error, sizeof(error)), error);
  return out;
}

}  // namespace nsmlab
