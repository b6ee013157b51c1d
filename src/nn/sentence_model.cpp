#include "nn/sentence_model.h"

#include <cstring>

#include "model/transformer_weights.h"
#include "model/weight_store.h"
#include "nn/kernels.h"
#include "nn/linear_kernel.h"
#include "nn/pooling.h"
#include "nn/transformer_encoder.h"
#include "util/error.h"

namespace nsmlab {

struct SentenceModel::Impl {
  ModelFolder folder;
  std::unique_ptr<WeightStore> store;
  TransformerWeights weights;
  std::unique_ptr<TransformerEncoder> encoder;
  std::unique_ptr<WeightStore> dense_store;
  std::unique_ptr<LinearKernel> dense;
  size_t parameters = 0;
  Precision precision = Precision::Fp32;
};

SentenceModel::SentenceModel() : impl_(std::make_unique<Impl>()) {}
SentenceModel::~SentenceModel() = default;

std::unique_ptr<SentenceModel> SentenceModel::load(const std::string& dir, Precision precision) {
  std::unique_ptr<SentenceModel> m(new SentenceModel());
  Impl& s = *m->impl_;
  s.precision = precision;
  s.folder = load_model_folder(dir);
  s.store = std::make_unique<WeightStore>(s.folder.weights_path, anchor_tensor_name());
  s.weights = load_transformer_weights(*s.store, s.folder.config);
  s.encoder = std::make_unique<TransformerEncoder>(s.folder.config, s.weights, precision);
  // The linear layers now live packed in the encoder: their pages of the mapping would only
  // double the resident memory.
  for (const EncoderLayerWeights& l : s.weights.layers)
    for (const LinearWeights* w : {&l.query, &l.key, &l.value, &l.attention_output, &l.intermediate, &l.output}) {
      s.store->evict(w->weight);
      s.store->evict(w->bias);
    }
  s.parameters = s.weights.parameter_count;
  if (s.folder.dense) {
    const DenseConfig& d = *s.folder.dense;
    s.dense_store = std::make_unique<WeightStore>(d.weights_path, "linear.weight");
    LinearSpec spec;
    spec.in = d.in_features;
    spec.activation = d.activation;
    spec.weights.push_back(s.dense_store->view("linear.weight", {d.out_features, d.in_features}));
    if (d.bias) spec.biases.push_back(s.dense_store->view("linear.bias", {d.out_features}));
    s.parameters += d.out_features * d.in_features + (d.bias ? d.out_features : 0);
    // The Dense head is one small product per sentence: always fp32.
    s.dense = make_linear_fp32(spec);
  }
  return m;
}

const ModelFolder& SentenceModel::folder() const { return impl_->folder; }
Precision SentenceModel::precision() const { return impl_->precision; }
size_t SentenceModel::dimension() const { return output_dimension(impl_->folder); }
size_t SentenceModel::hidden_size() const { return impl_->folder.config.hidden_size; }
size_t SentenceModel::parameter_count() const { return impl_->parameters; }
size_t SentenceModel::packed_bytes() const {
  return impl_->encoder->packed_bytes() + (impl_->dense ? impl_->dense->packed_bytes() : 0);
}
std::string SentenceModel::architecture() const { return impl_->folder.config.architecture(); }

Matrix SentenceModel::embed(const PackedBatch& batch) const {
  const Impl& s = *impl_;
  const float* hidden = s.encoder->forward(batch);
  Matrix pooled = pool_tokens(hidden, s.folder.config.hidden_size, batch, s.folder.pooling);
  if (s.dense && pooled.rows > 0) {
    Matrix dense(pooled.rows, s.dense->out_features());
    s.dense->forward(pooled.data.data(), pooled.rows, dense.data.data(), false);
    pooled = std::move(dense);
  }
  if (s.folder.normalize) l2_normalize_rows(pooled.data.data(), pooled.rows, pooled.cols);
  return pooled;
}

Matrix SentenceModel::token_states(const PackedBatch& batch) const {
  const size_t H = impl_->folder.config.hidden_size;
  const float* hidden = impl_->encoder->forward(batch);
  Matrix out(batch.tokens(), H);
  if (hidden) std::memcpy(out.data.data(), hidden, batch.tokens() * H * sizeof(float));
  return out;
}

Matrix SentenceModel::token_embeddings(const TokenBatch& batch) const {
  const size_t H = impl_->folder.config.hidden_size;
  PackedBatch tokens = pack_tokens(batch);
  const float* hidden = impl_->encoder->forward(tokens);
  Matrix out(batch.batch * batch.seq_len, H);
  for (size_t b = 0; b < batch.batch; ++b)
    for (size_t t = tokens.offset[b]; t < tokens.offset[b + 1]; ++t)
      std::memcpy(out.row(b * batch.seq_len + size_t(tokens.column[t])), hidden + t * H, H * sizeof(float));
  return out;
}

}  // namespace nsmlab
