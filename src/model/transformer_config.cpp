#include "model/transformer_config.h"

#include <map>

#include "util/error.h"
#include "util/json_file.h"

namespace nsmlab {

namespace {

struct FamilyInfo {
  ModelFamily family;
  const char* architecture;
  int default_pad;
  size_t default_type_vocab;
};

const std::map<std::string, FamilyInfo>& supported_types() {
  static const std::map<std::string, FamilyInfo> types = {
      {"bert", {ModelFamily::Bert, "BertModel", 0, 2}},
      {"roberta", {ModelFamily::Roberta, "RobertaModel", 1, 1}},
      {"xlm-roberta", {ModelFamily::Roberta, "XLMRobertaModel", 1, 1}},
      {"camembert", {ModelFamily::Roberta, "CamembertModel", 1, 1}},
      {"mpnet", {ModelFamily::MPNet, "MPNetModel", 1, 0}},
  };
  return types;
}

std::string supported_list() {
  std::string s;
  for (const auto& [name, info] : supported_types()) s += (s.empty() ? "" : ", ") + name;
  return s;
}

size_t require_positive(const Json& j, const std::string& field, const std::string& path) {
  auto v = json_require<long long>(j, field, path);
  if (v <= 0) fail("{}: field '{}' must be a positive integer, got {}", path, field, v);
  return static_cast<size_t>(v);
}

}  // namespace

int TransformerConfig::position_padding_idx() const {
  switch (family) {
    case ModelFamily::Bert: return -1;
    case ModelFamily::Roberta: return pad_token_id;
    case ModelFamily::MPNet: return 1;  // hard-wired in transformers' MPNetEmbeddings
  }
  return -1;
}

size_t TransformerConfig::max_sequence_positions() const {
  int p = position_padding_idx();
  size_t offset = p < 0 ? 0 : static_cast<size_t>(p) + 1;
  return max_position_embeddings > offset ? max_position_embeddings - offset : 0;
}

std::string TransformerConfig::architecture() const {
  auto it = supported_types().find(model_type);
  return it == supported_types().end() ? model_type : it->second.architecture;
}

Activation parse_activation(const std::string& name, const std::string& file, const std::string& field) {
  static const std::map<std::string, Activation> names = {
      {"gelu", Activation::GeluErf},
      {"gelu_python", Activation::GeluErf},
      {"gelu_new", Activation::GeluTanh},
      {"gelu_pytorch_tanh", Activation::GeluTanh},
      {"gelu_fast", Activation::GeluTanh},
      {"relu", Activation::Relu},
      {"silu", Activation::Silu},
      {"swish", Activation::Silu},
      {"tanh", Activation::Tanh},
      {"linear", Activation::Identity},
      {"identity", Activation::Identity},
      {"torch.nn.modules.activation.Tanh", Activation::Tanh},
      {"torch.nn.modules.activation.ReLU", Activation::Relu},
      {"torch.nn.modules.activation.GELU", Activation::GeluErf},
      {"torch.nn.modules.activation.SiLU", Activation::Silu},
      {"torch.nn.modules.linear.Identity", Activation::Identity},
  };
  auto it = names.find(name);
  if (it == names.end()) {
    std::string list;
    for (const auto& [n, a] : names) list += (list.empty() ? "" : ", ") + n;
    fail("{}: field '{}' names an unsupported activation '{}' (supported: {})", file, field, name, list);
  }
  return it->second;
}

std::string activation_name(Activation a) {
  switch (a) {
    case Activation::Identity: return "identity";
    case Activation::GeluErf: return "gelu";
    case Activation::GeluTanh: return "gelu_tanh";
    case Activation::Relu: return "relu";
    case Activation::Silu: return "silu";
    case Activation::Tanh: return "tanh";
  }
  return "?";
}

TransformerConfig parse_transformer_config(const std::string& path) {
  Json j = load_json(path);
  TransformerConfig c;
  c.model_type = json_require<std::string>(j, "model_type", path);
  auto it = supported_types().find(c.model_type);
  if (it == supported_types().end())
    fail("{}: field 'model_type' is '{}', which nsmlab cannot run (supported: {})", path, c.model_type,
         supported_list());
  const FamilyInfo& info = it->second;
  c.family = info.family;
  c.vocab_size = require_positive(j, "vocab_size", path);
  c.hidden_size = require_positive(j, "hidden_size", path);
  c.num_hidden_layers = require_positive(j, "num_hidden_layers", path);
  c.num_attention_heads = require_positive(j, "num_attention_heads", path);
  c.intermediate_size = require_positive(j, "intermediate_size", path);
  if (c.hidden_size % c.num_attention_heads != 0)
    fail("{}: field 'hidden_size' ({}) must be a multiple of 'num_attention_heads' ({})", path, c.hidden_size,
         c.num_attention_heads);
  c.hidden_act_name = json_optional<std::string>(j, "hidden_act", path, "gelu");
  c.hidden_act = parse_activation(c.hidden_act_name, path, "hidden_act");
  c.layer_norm_eps = json_optional<double>(j, "layer_norm_eps", path, c.family == ModelFamily::MPNet ? 1e-5 : 1e-12);
  if (!(c.layer_norm_eps > 0)) fail("{}: field 'layer_norm_eps' must be positive", path);
  c.max_position_embeddings = json_optional<size_t>(j, "max_position_embeddings", path, 512);
  c.pad_token_id = json_optional<int>(j, "pad_token_id", path, info.default_pad);
  if (c.family == ModelFamily::MPNet) {
    c.type_vocab_size = 0;
    c.relative_attention_num_buckets = json_optional<size_t>(j, "relative_attention_num_buckets", path, 32);
    if (c.relative_attention_num_buckets < 32)
      // transformers computes buckets 0..31 whatever the table size, so a smaller table cannot be indexed.
      fail("{}: field 'relative_attention_num_buckets' must be at least 32, got {}", path,
           c.relative_attention_num_buckets);
  } else {
    c.type_vocab_size = json_optional<size_t>(j, "type_vocab_size", path, info.default_type_vocab);
    if (c.type_vocab_size == 0) fail("{}: field 'type_vocab_size' must be at least 1", path);
  }
  std::string pos_type = json_optional<std::string>(j, "position_embedding_type", path, "absolute");
  if (pos_type != "absolute")
    fail("{}: field 'position_embedding_type' is '{}'; only 'absolute' is supported", path, pos_type);
  if (c.position_padding_idx() >= 0 && c.pad_token_id < 0)
    fail("{}: field 'pad_token_id' must be non-negative for model_type '{}'", path, c.model_type);
  if (c.max_sequence_positions() == 0)
    fail("{}: field 'max_position_embeddings' ({}) leaves no room for tokens after the padding offset", path,
         c.max_position_embeddings);
  return c;
}

}  // namespace nsmlab
