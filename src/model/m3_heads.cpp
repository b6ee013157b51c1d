#include "model/m3_heads.h"

#include <filesystem>

#include "model/weight_store.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/regular_file.h"

namespace nsmlab {

namespace {

std::vector<float> tensor(WeightStore& store, const std::string& name, const std::vector<size_t>& shape) {
  const FloatTensor t = store.require(name, shape);
  return std::vector<float>(t.data, t.data + t.numel());
}

// A special token entry is "<s>" or {"content": "<s>", ...} (tokenizers' AddedToken).
std::string token_name(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("content") && v["content"].is_string()) return v["content"].get<std::string>();
  return "";
}

std::vector<std::string> special_tokens(const std::string& dir, const TransformerConfig& config) {
  for (const char* file : {"special_tokens_map.json", "tokenizer_config.json"}) {
    const std::string path = dir + "/" + file;
    if (!file_exists(path)) continue;
    const Json j = load_json(path);
    if (!j.is_object()) fail("{}: expected a JSON object", path);
    std::vector<std::string> names;
    for (const char* key : {"cls_token", "eos_token", "pad_token", "unk_token"})
      if (j.contains(key)) {
        const std::string name = token_name(j[key]);
        if (name.empty() && !j[key].is_null())
          fail("{}: field '{}' must be a token string or {{\"content\": ...}}", path, key);
        if (!name.empty()) names.push_back(name);
      }
    if (!names.empty()) return names;
  }
  if (config.family == ModelFamily::Bert) return {"[CLS]", "[PAD]", "[UNK]"};  // BERT has no eos token
  return {"<s>", "</s>", "<pad>", "<unk>"};
}

}  // namespace

bool has_m3_heads(const std::string& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir + "/sparse_linear.pt", ec) ||
         std::filesystem::is_regular_file(dir + "/colbert_linear.pt", ec);
}

M3Heads load_m3_heads(const std::string& dir, const TransformerConfig& config) {
  M3Heads h;
  h.hidden = config.hidden_size;
  const std::string sparse_path = dir + "/sparse_linear.pt", colbert_path = dir + "/colbert_linear.pt";
  for (const std::string& p : {sparse_path, colbert_path})
    if (!file_exists(p)) fail("{}: missing file (bge-m3's sparse and ColBERT heads come together)", p);
  WeightStore sparse(sparse_path, "weight");
  h.sparse_weight = tensor(sparse, "weight", {1, h.hidden});
  h.sparse_bias = tensor(sparse, "bias", {1})[0];
  WeightStore colbert(colbert_path, "weight");
  const StoredTensor* w = colbert.archive().find("weight");
  if (!w || w->view.shape.size() != 2 || w->view.shape[1] != h.hidden || w->view.shape[0] == 0)
    fail("{}: tensor 'weight' must have shape [dim, {}] (hidden_size of the encoder), found {}", colbert_path, h.hidden,
         w ? shape_string(w->view.shape) : std::string("none"));
  h.colbert_dim = w->view.shape[0];
  h.colbert_weight = tensor(colbert, "weight", {h.colbert_dim, h.hidden});
  h.colbert_bias = tensor(colbert, "bias", {h.colbert_dim});
  h.special_token_names = special_tokens(dir, config);
  return h;
}

}  // namespace nsmlab
