#include "advise/model_shapes.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "hub/known_models.h"
#include "model/model_folder.h"

namespace fs = std::filesystem;

namespace nsmlab {

namespace {

struct KnownShape {
  const char* repo_id;
  const char* config;            // config.json, the fields that matter
  const char* tokenizer_folder;  // under reference/tokenizers/: this model's tokenizer or one sharing its vocabulary
  const char* tokenizer_note;
};

// Values from each model's config.json on the hub (hidden, layers, heads, intermediate, vocab, positions).
const KnownShape kShapes[] = {
    {"sentence-transformers/paraphrase-multilingual-mpnet-base-v2",
     R"({"model_type": "xlm-roberta", "vocab_size": 250002, "hidden_size": 768, "num_hidden_layers": 12,
         "num_attention_heads": 12, "intermediate_size": 3072, "hidden_act": "gelu", "layer_norm_eps": 1e-05,
         "max_position_embeddings": 514, "pad_token_id": 1, "type_vocab_size": 1})",
     "", "no XLM-R tokenizer here"},
    {"intfloat/e5-large-v2",
     R"({"model_type": "bert", "vocab_size": 30522, "hidden_size": 1024, "num_hidden_layers": 24,
         "num_attention_heads": 16, "intermediate_size": 4096, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
         "max_position_embeddings": 512, "pad_token_id": 0, "type_vocab_size": 2})",
     "bert-base-uncased-tokenizer", "bert-base-uncased's WordPiece, the vocabulary e5-large-v2 uses"},
    {"BAAI/bge-m3",
     R"({"model_type": "xlm-roberta", "vocab_size": 250002, "hidden_size": 1024, "num_hidden_layers": 24,
         "num_attention_heads": 16, "intermediate_size": 4096, "hidden_act": "gelu", "layer_norm_eps": 1e-05,
         "max_position_embeddings": 8194, "pad_token_id": 1, "type_vocab_size": 1})",
     "", "no XLM-R tokenizer here"},
    {"dangvantuan/sentence-camembert-large",
     R"({"model_type": "camembert", "vocab_size": 32005, "hidden_size": 1024, "num_hidden_layers": 24,
         "num_attention_heads": 16, "intermediate_size": 4096, "hidden_act": "gelu", "layer_norm_eps": 1e-05,
         "max_position_embeddings": 514, "pad_token_id": 1, "type_vocab_size": 1})",
     "camembert-base-tokenizer", "camembert-base's tokenizer, the vocabulary camembert-large uses"},
    {"sentence-transformers/LaBSE",
     R"({"model_type": "bert", "vocab_size": 501153, "hidden_size": 768, "num_hidden_layers": 12,
         "num_attention_heads": 12, "intermediate_size": 3072, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
         "max_position_embeddings": 512, "pad_token_id": 0, "type_vocab_size": 2})",
     "bert-base-uncased-tokenizer", "bert-base-uncased's WordPiece standing in for LaBSE's (token counts differ)"},
    {"sentence-transformers/all-MiniLM-L6-v2",
     R"({"model_type": "bert", "vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6,
         "num_attention_heads": 12, "intermediate_size": 1536, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
         "max_position_embeddings": 512, "pad_token_id": 0, "type_vocab_size": 2})",
     "all-MiniLM-L6-v2", "the model's own tokenizer"},
    {"sentence-transformers/all-mpnet-base-v2",
     R"({"model_type": "mpnet", "vocab_size": 30527, "hidden_size": 768, "num_hidden_layers": 12,
         "num_attention_heads": 12, "intermediate_size": 3072, "hidden_act": "gelu", "layer_norm_eps": 1e-05,
         "max_position_embeddings": 514, "pad_token_id": 1, "relative_attention_num_buckets": 32})",
     "all-mpnet-base-v2", "the model's own tokenizer"},
    {"sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2",
     R"({"model_type": "bert", "vocab_size": 250037, "hidden_size": 384, "num_hidden_layers": 12,
         "num_attention_heads": 12, "intermediate_size": 1536, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
         "max_position_embeddings": 512, "pad_token_id": 0, "type_vocab_size": 2})",
     "", "no XLM-R tokenizer here"},
};

std::string repo_name(const std::string& id) {
  const size_t slash = id.find('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

bool iequal(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace

std::string shared_dir() {
  if (const char* d = std::getenv("NSMLAB_SHARED_DIR"); d && *d) return d;
  std::error_code ec;
  const fs::path p = fs::path(NSMLAB_SOURCE_DIR) / ".." / "shared";
  return fs::is_directory(p, ec) ? fs::weakly_canonical(p, ec).string() : "";
}

WorkModel work_model_from_json(const Json& c, const std::string& name, const std::string& origin) {
  WorkModel w;
  w.name = name;
  auto positive = [&](const char* field, size_t fallback, bool required) {
    const size_t v = required ? json_require<size_t>(c, field, origin) : json_optional<size_t>(c, field, origin, fallback);
    if (v > 10'000'000) fail("{}: field '{}' is implausibly large ({})", origin, field, v);
    if (required && v == 0) fail("{}: field '{}' must be positive", origin, field);
    return v;
  };
  w.hidden = positive("hidden_size", 0, true);
  w.layers = positive("num_hidden_layers", 0, true);
  w.heads = positive("num_attention_heads", 0, true);
  w.intermediate = positive("intermediate_size", 0, true);
  w.vocab = positive("vocab_size", 0, true);
  w.positions = positive("max_position_embeddings", 512, false);
  const bool mpnet = json_optional<std::string>(c, "model_type", origin, "") == "mpnet";
  w.type_vocab = positive("type_vocab_size", mpnet ? 0 : 1, false);
  return w;
}

ModelShape resolve_model_shape(const std::string& what) {
  ModelShape s;
  s.name = what;
  std::error_code ec;
  const fs::path p(what);
  fs::path config_file;
  if (fs::is_directory(p, ec)) {
    // The loader decides where the transformer lives (modules.json: e.g. 0_Transformer/); a
    // folder it cannot load whole (no weights yet) is still benchable from its config.json.
    fs::path transformer = p, tokenizer = p / "tokenizer.json";
    if (!is_file(p / "config.json")) {
      const ModelFolder folder = load_model_folder(what);
      transformer = fs::path(folder.weights_path).parent_path();
      tokenizer = folder.tokenizer_json;
    }
    config_file = transformer / "config.json";
    if (!is_file(config_file)) fail("{}: a folder without config.json (expected a model folder)", what);
    if (is_file(tokenizer)) {
      s.tokenizer_json = tokenizer.string();
      s.tokenizer_note = "the folder's own tokenizer";
    }
  } else if (is_file(p)) {
    config_file = p;
  }
  if (!config_file.empty()) {
    s.config = load_json(config_file.string());
    s.config_origin = config_file.string();
    s.work = work_model_from_json(s.config, what, s.config_origin);
    return s;
  }
  const KnownModel* known = find_known_model(what);
  const std::string id = known ? known->repo_id : what;
  const KnownShape* shape = nullptr;
  for (const KnownShape& k : kShapes)
    if (iequal(k.repo_id, id) || iequal(repo_name(k.repo_id), what)) shape = &k;
  if (!shape) {
    std::string list;
    for (const KnownShape& k : kShapes) list += std::string(list.empty() ? "" : ", ") + k.repo_id;
    fail("'{}' is neither a model folder, a config.json nor a known model (known: {})", what, list);
  }
  s.name = shape->repo_id;
  s.config = parse_json_text(shape->config, "nsmlab's table of known shapes");
  s.config_origin = "nsmlab's table of known shapes (values of the hub's config.json)";
  const std::string shared = shared_dir();
  const fs::path ref = fs::path(shared) / "reference" / "tokenizers";
  if (!shared.empty())
    for (const std::string& folder : {repo_name(s.name), repo_name(s.name) + "-config"})
      if (is_file(ref / folder / "config.json")) {
        s.config = load_json((ref / folder / "config.json").string());
        s.config_origin = (ref / folder / "config.json").string();
        break;
      }
  if (!shared.empty() && *shape->tokenizer_folder && is_file(ref / shape->tokenizer_folder / "tokenizer.json")) {
    s.tokenizer_json = (ref / shape->tokenizer_folder / "tokenizer.json").string();
    s.tokenizer_note = shape->tokenizer_note;
  } else {
    s.tokenizer_note = *shape->tokenizer_folder ? "its tokenizer is not on this machine" : shape->tokenizer_note;
  }
  s.work = work_model_from_json(s.config, s.name, s.config_origin);
  return s;
}

}  // namespace nsmlab
