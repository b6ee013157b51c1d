#include "model/sentence_modules.h"

#include <algorithm>
#include <vector>

#include "model/tensor_archive.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/regular_file.h"

namespace nsmlab {

size_t PoolingConfig::mode_count() const {
  return size_t(cls) + size_t(max) + size_t(mean) + size_t(mean_sqrt_len) + size_t(weighted_mean) +
         size_t(last_token);
}

std::string PoolingConfig::describe() const {
  std::string s;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!s.empty()) s += '+';
    s += name;
  };
  add(cls, "cls");
  add(max, "max");
  add(mean, "mean");
  add(mean_sqrt_len, "mean_sqrt_len_tokens");
  add(weighted_mean, "weightedmean");
  add(last_token, "lasttoken");
  if (!include_prompt) s += " (prompt excluded)";
  return s;
}

PoolingConfig default_pooling(size_t hidden) {
  PoolingConfig p;
  p.word_embedding_dimension = hidden;
  return p;
}

PoolingConfig parse_pooling_config(const std::string& path) {
  Json j = load_json(path);
  if (!j.is_object()) fail("{}: expected a JSON object", path);
  PoolingConfig p;
  p.mean = false;
  // v5 writes "embedding_dimension", the classic format "word_embedding_dimension".
  if (j.contains("embedding_dimension"))
    p.word_embedding_dimension = json_require<size_t>(j, "embedding_dimension", path);
  else
    p.word_embedding_dimension = json_require<size_t>(j, "word_embedding_dimension", path);
  if (j.contains("pooling_mode") && !j["pooling_mode"].is_null()) {
    std::vector<std::string> modes;
    const Json& m = j["pooling_mode"];
    if (m.is_string())
      modes.push_back(m.get<std::string>());
    else if (m.is_array() && !m.empty() && std::all_of(m.begin(), m.end(), [](const Json& x) { return x.is_string(); }))
      modes = m.get<std::vector<std::string>>();
    else
      fail("{}: field 'pooling_mode' must be a string or a list of strings", path);
    for (const std::string& mode : modes) {
      if (mode == "cls") p.cls = true;
      else if (mode == "max") p.max = true;
      else if (mode == "mean") p.mean = true;
      else if (mode == "mean_sqrt_len_tokens") p.mean_sqrt_len = true;
      else if (mode == "weightedmean") p.weighted_mean = true;
      else if (mode == "lasttoken") p.last_token = true;
      else
        fail("{}: field 'pooling_mode' has unknown mode '{}' (expected cls, max, mean, mean_sqrt_len_tokens, "
             "weightedmean or lasttoken)", path, mode);
    }
  } else {
    p.cls = json_optional<bool>(j, "pooling_mode_cls_token", path, false);
    p.max = json_optional<bool>(j, "pooling_mode_max_tokens", path, false);
    p.mean = json_optional<bool>(j, "pooling_mode_mean_tokens", path, false);
    p.mean_sqrt_len = json_optional<bool>(j, "pooling_mode_mean_sqrt_len_tokens", path, false);
    p.weighted_mean = json_optional<bool>(j, "pooling_mode_weightedmean_tokens", path, false);
    p.last_token = json_optional<bool>(j, "pooling_mode_lasttoken", path, false);
  }
  p.include_prompt = json_optional<bool>(j, "include_prompt", path, true);
  if (p.mode_count() == 0)
    fail("{}: no pooling mode is enabled (set 'pooling_mode' or one of the pooling_mode_* fields)", path);
  return p;
}

DenseConfig parse_dense_config(const std::string& dir) {
  const std::string path = dir + "/config.json";
  Json j = load_json(path);
  DenseConfig d;
  d.in_features = json_require<size_t>(j, "in_features", path);
  d.out_features = json_require<size_t>(j, "out_features", path);
  if (d.in_features == 0 || d.out_features == 0) fail("{}: 'in_features' and 'out_features' must be positive", path);
  d.bias = json_optional<bool>(j, "bias", path, true);
  d.activation_name =
      json_optional<std::string>(j, "activation_function", path, "torch.nn.modules.activation.Tanh");
  d.activation = parse_activation(d.activation_name, path, "activation_function");
  d.weights_path = locate_weights(dir);
  if (d.weights_path.empty())
    fail("{}/model.safetensors: missing file (the Dense module's weights; pytorch_model.bin or a sharded index would "
         "do too)", dir);
  return d;
}

}  // namespace nsmlab
