#include "nn/sentence_model.h"

#include <cstring>
#include <optional>

#include "model/transformer_weights.h"
#include "model/weight_store.h"
#include "nn/kernels.h"
#include "nn/linear.h"
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
  std::optional<Linear> dense;
  size_t parameters = 0;
};

SentenceModel::SentenceModel() : impl_(std::make_unique<Impl>()) {}
SentenceModel::~SentenceModel() = default;

std::unique_ptr<SentenceModel> SentenceModel::load(const std::string& dir) {
  std::unique_ptr<SentenceModel> m(new SentenceModel());
  Impl& s = *m->impl_;
  s.folder = load_model_folder(dir);
  s.store = std::make_unique<WeightStore>(s.folder.weights_path, anchor_tensor_name());
  s.weights = load_transformer_weights(*s.store, s.folder.config);
  s.encoder = std::make_unique<TransformerEncoder>(s.folder.config, s.weights);
  s.parameters = s.weights.parameter_count;
  if (s.folder.dense) {
    const DenseConfig& d = *s.folder.dense;
    s.dense_store = std::make_unique<WeightStore>(d.weights_path, "linear.weight");
    FloatTensor w = s.dense_store->require("linear.weight", {d.out_features, d.in_features});
    FloatTensor b;
    if (d.bias) b = s.dense_store->require("linear.bias", {d.out_features});
    s.dense.emplace(w.data, d.bias ? b.data : nullptr, d.in_features, d.out_features, d.activation);
    s.parameters += w.numel() + (d.bias ? b.numel() : 0);
  }
  return m;
}

const ModelFolder& SentenceModel::folder() const { return impl_->folder; }
size_t SentenceModel::dimension() const { return output_dimension(impl_->folder); }
size_t SentenceModel::hidden_size() const { return impl_->folder.config.hidden_size; }
size_t SentenceModel::parameter_count() const { return impl_->parameters; }
std::string SentenceModel::architecture() const { return impl_->folder.config.architecture(); }

Matrix SentenceModel::embed(const TokenBatch& batch) const {
  const Impl& s = *impl_;
  PackedTokens tokens = pack_tokens(batch);
  std::vector<float> hidden = s.encoder->forward(batch, tokens);
  Matrix pooled = pool_tokens(hidden.data(), s.folder.config.hidden_size, batch, tokens, s.folder.pooling);
  if (s.dense && pooled.rows > 0) {
    Matrix dense(pooled.rows, s.dense->out_features());
    s.dense->forward(pooled.data.data(), pooled.rows, dense.data.data());
    pooled = std::move(dense);
  }
  if (s.folder.normalize) l2_normalize_rows(pooled.data.data(), pooled.rows, pooled.cols);
  return pooled;
}

Matrix SentenceModel::token_embeddings(const TokenBatch& batch) const {
  const Impl& s = *impl_;
  const size_t H = s.folder.config.hidden_size;
  PackedTokens tokens = pack_tokens(batch);
  std::vector<float> hidden = s.encoder->forward(batch, tokens);
  Matrix out(batch.batch * batch.seq_len, H);
  for (size_t b = 0; b < batch.batch; ++b)
    for (size_t t = tokens.offset[b]; t < tokens.offset[b + 1]; ++t)
      std::memcpy(out.row(b * batch.seq_len + size_t(tokens.column[t])), hidden.data() + t * H, H * sizeof(float));
  return out;
}

}  // namespace nsmlab
