// Reads the token batches and expected outputs that tools/fixtures/make_tiny_models.py
// recorded next to each tiny model.
#pragma once
#include <string>
#include <vector>

#include "nn/token_batch.h"
#include "util/json_file.h"
#include "util/matrix.h"
#include "util/npy.h"

namespace nsmlab::testing {

inline std::string models_dir() { return std::string(NSMLAB_FIXTURES_DIR) + "/models"; }

inline std::vector<std::string> tiny_model_names() {
  return {"bert-mean",          "labse-like-cls-dense", "xlm-roberta-mean-normalize",
          "camembert-multi-pooling", "roberta-max",     "mpnet-mean-normalize",
          "bert-f16-plain",     "xlm-roberta-bf16",     "bert-v5-prompt"};
}

struct RecordedBatch {
  TokenBatch tokens;
  Matrix expected;         // one row per sequence
  std::string hidden_npy;  // optional last hidden state, [batch*seq_len, hidden]
};

inline TokenBatch batch_from_json(const Json& j) {
  TokenBatch b;
  const auto ids = j.at("ids").get<std::vector<std::vector<int32_t>>>();
  const auto mask = j.at("mask").get<std::vector<std::vector<int32_t>>>();
  const auto types = j.at("type_ids").get<std::vector<std::vector<int32_t>>>();
  b.batch = ids.size();
  b.seq_len = ids.empty() ? 0 : ids[0].size();
  for (size_t r = 0; r < b.batch; ++r)
    for (size_t c = 0; c < b.seq_len; ++c) {
      b.ids.push_back(ids[r][c]);
      b.mask.push_back(static_cast<uint8_t>(mask[r][c]));
      b.type_ids.push_back(types[r][c]);
    }
  if (j.contains("prompt_len")) b.prompt_len = j["prompt_len"].get<std::vector<int32_t>>();
  return b;
}

inline std::vector<RecordedBatch> recorded_batches(const std::string& model) {
  const std::string dir = models_dir() + "/" + model;
  Json e = load_json(dir + "/expected.json");
  std::vector<RecordedBatch> out;
  for (const Json& j : e.at("batches")) {
    RecordedBatch r;
    r.tokens = batch_from_json(j);
    r.expected = read_npy_matrix(dir + "/" + j.at("embeddings").get<std::string>());
    if (j.contains("hidden")) r.hidden_npy = dir + "/" + j["hidden"].get<std::string>();
    out.push_back(std::move(r));
  }
  return out;
}

// The single sequence `row` of a batch, cut to its real length.
inline TokenBatch single_sequence(const TokenBatch& b, size_t row) {
  TokenBatch s;
  size_t n = 0;
  while (n < b.seq_len && b.mask[row * b.seq_len + n]) ++n;
  s.batch = 1;
  s.seq_len = n;
  for (size_t c = 0; c < n; ++c) {
    s.ids.push_back(b.ids[row * b.seq_len + c]);
    s.mask.push_back(1);
    if (!b.type_ids.empty()) s.type_ids.push_back(b.type_ids[row * b.seq_len + c]);
  }
  if (!b.prompt_len.empty()) s.prompt_len = {b.prompt_len[row]};
  return s;
}

}  // namespace nsmlab::testing
