#include "model/model_folder.h"

#include <filesystem>
#include <vector>

#include "model/tensor_archive.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/regular_file.h"

namespace nsmlab {

namespace fs = std::filesystem;

namespace {

struct ModuleEntry {
  std::string kind;  // Transformer, Pooling, Dense, Normalize
  std::string path;  // relative to the folder
};

// A module's folder relative to the model folder: an absolute path or one that climbs out
// with ".." would read files outside it. The check is lexical; symlinks inside the folder
// are fine (Hugging Face cache snapshots are symlinks into blobs/).
std::string module_path(const std::string& rel, const std::string& file, const std::string& entry) {
  const fs::path p = fs::path(rel).lexically_normal();
  if (rel.find('\0') != std::string::npos || p.is_absolute() || (!p.empty() && *p.begin() == ".."))
    fail("{}: entry {}: field 'path' is {}, which leads outside the model folder (expected a subfolder such as "
         "\"1_Pooling\")", file, entry, json_excerpt(Json(rel)));
  const std::string s = p.string();
  return s == "." ? "" : s;
}

// sentence-transformers v2-v4 write "sentence_transformers.models.Pooling", v5
// "sentence_transformers.sentence_transformer.modules.pooling.Pooling": the class name decides.
std::vector<ModuleEntry> parse_modules(const std::string& path) {
  Json j = load_json(path);
  if (!j.is_array()) fail("{}: expected a JSON list of modules", path);
  std::vector<ModuleEntry> out;
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string field = fmt::format("[{}]", i);
    std::string type = json_require<std::string>(j[i], "type", path + " entry " + field);
    std::string kind = type.substr(type.rfind('.') + 1);
    if (kind != "Transformer" && kind != "Pooling" && kind != "Dense" && kind != "Normalize")
      fail("{}: entry {} has module type '{}'; nsmlab supports Transformer, Pooling, Dense and Normalize", path,
           field, type);
    out.push_back({kind, module_path(json_optional<std::string>(j[i], "path", path + " entry " + field, ""), path, field)});
  }
  if (out.empty() || out.front().kind != "Transformer")
    fail("{}: the first module must be a Transformer", path);
  return out;
}

std::string join(const std::string& dir, const std::string& rel) { return rel.empty() ? dir : dir + "/" + rel; }

// The pipeline: modules.json, or a plain transformers folder (one Transformer at the root).
std::vector<ModuleEntry> read_modules(const std::string& dir) {
  const std::string modules_path = dir + "/modules.json";
  if (file_exists(modules_path)) return parse_modules(modules_path);
  return {{"Transformer", ""}};
}

// Exists as a regular file through links: a hub snapshot file whose blob never arrived is missing.
bool regular_file_present(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

void read_sentence_bert_config(ModelFolder& f, const std::string& module_dir) {
  const std::string path = module_dir + "/sentence_bert_config.json";
  if (file_exists(path)) {
    Json j = load_json(path);
    f.max_seq_length = json_optional<size_t>(j, "max_seq_length", path, 0);
    f.do_lower_case = json_optional<bool>(j, "do_lower_case", path, false);
  }
  if (f.max_seq_length == 0) {
    // v5 folders and plain transformers folders: the tokenizer's limit, if it is a real one.
    const std::string tc = module_dir + "/tokenizer_config.json";
    if (file_exists(tc)) {
      Json j = load_json(tc);
      if (j.is_object() && j.contains("model_max_length") && j["model_max_length"].is_number()) {
        double v = j["model_max_length"].get<double>();
        if (v > 0 && v < 1e6) f.max_seq_length = static_cast<size_t>(v);
      }
    }
  }
  const size_t limit = f.config.max_sequence_positions();
  if (f.max_seq_length == 0 || f.max_seq_length > limit) f.max_seq_length = limit;
}

void read_prompts(ModelFolder& f, const std::string& dir) {
  const std::string path = dir + "/config_sentence_transformers.json";
  if (!file_exists(path)) return;
  Json j = load_json(path);
  if (!j.is_object()) fail("{}: expected a JSON object", path);
  if (j.contains("prompts") && !j["prompts"].is_null()) {
    if (!j["prompts"].is_object()) fail("{}: field 'prompts' must map names to prompt strings", path);
    for (const auto& [name, text] : j["prompts"].items()) {
      if (!text.is_string()) fail("{}: field 'prompts.{}' must be a string", path, name);
      f.prompts[name] = text.get<std::string>();
    }
  }
  f.default_prompt_name = json_optional<std::string>(j, "default_prompt_name", path, "");
  if (!f.default_prompt_name.empty() && !f.prompts.count(f.default_prompt_name))
    fail("{}: field 'default_prompt_name' is '{}', which is not in 'prompts'", path, f.default_prompt_name);
}

}  // namespace

std::string missing_model_files(const std::string& dir_in) {
  std::string dir = dir_in;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::string transformer_dir;
  try {
    transformer_dir = join(dir, read_modules(dir).front().path);
  } catch (const Error& e) {
    return fmt::format("a readable modules.json ({})", e.what());
  }
  const std::string prefix = transformer_dir == dir ? "" : transformer_dir.substr(dir.size() + 1) + "/";
  std::string missing;
  auto add = [&](const std::string& what) { missing += (missing.empty() ? "" : ", ") + what; };
  for (const char* file : {"config.json", "model.safetensors", "tokenizer.json"}) {
    if (regular_file_present(transformer_dir + "/" + file)) continue;
    if (std::string_view(file) == "model.safetensors" && regular_file_present(transformer_dir + "/pytorch_model.bin"))
      add(prefix + file + " (only pytorch_model.bin is there: convert it to safetensors)");
    else
      add(prefix + file);
  }
  return missing;
}

size_t output_dimension(const ModelFolder& folder) {
  return folder.dense ? folder.dense->out_features : folder.pooling.output_dimension();
}

ModelFolder load_model_folder(const std::string& dir_in) {
  std::string dir = dir_in;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::error_code ec;
  if (!file_exists(dir) || !fs::is_directory(dir, ec)) fail("{}: not a directory (expected a model folder)", dir);
  ModelFolder f;
  f.path = dir;

  const std::string modules_path = dir + "/modules.json";
  const std::vector<ModuleEntry> modules = read_modules(dir);

  const std::string transformer_dir = join(dir, modules.front().path);
  const std::string config_path = transformer_dir + "/config.json";
  if (!file_exists(config_path)) fail("{}: missing file (the transformer's config)", config_path);
  f.config = parse_transformer_config(config_path);
  f.tokenizer_json = transformer_dir + "/tokenizer.json";
  f.weights_path = locate_weights(transformer_dir);
  if (f.weights_path.empty()) f.weights_path = transformer_dir + "/model.safetensors";  // reported when loaded
  read_sentence_bert_config(f, transformer_dir);
  read_prompts(f, dir);

  bool have_pooling = false;
  size_t width = f.config.hidden_size;  // width flowing between modules, checked at each step
  for (size_t i = 1; i < modules.size(); ++i) {
    const ModuleEntry& m = modules[i];
    const std::string mdir = join(dir, m.path);
    if (m.kind == "Transformer") {
      fail("{}: only one Transformer module is supported (entry [{}])", modules_path, i);
    } else if (m.kind == "Pooling") {
      if (have_pooling || f.dense || f.normalize)
        fail("{}: Pooling (entry [{}]) must come once, right after the Transformer", modules_path, i);
      const std::string pc = mdir + "/config.json";
      f.pooling = parse_pooling_config(pc);
      if (f.pooling.word_embedding_dimension != f.config.hidden_size)
        fail("{}: pooling dimension {} does not match hidden_size {} in {}", pc, f.pooling.word_embedding_dimension,
             f.config.hidden_size, config_path);
      have_pooling = true;
      width = f.pooling.output_dimension();
    } else if (m.kind == "Dense") {
      if (!have_pooling || f.dense || f.normalize)
        fail("{}: Dense (entry [{}]) must follow Pooling, once, before Normalize", modules_path, i);
      f.dense = parse_dense_config(mdir);
      if (f.dense->in_features != width)
        fail("{}/config.json: field 'in_features' is {} but the pooling output has {} dimensions", mdir,
             f.dense->in_features, width);
      width = f.dense->out_features;
    } else if (m.kind == "Normalize") {
      if (!have_pooling) fail("{}: Normalize (entry [{}]) must follow Pooling", modules_path, i);
      f.normalize = true;
    }
  }
  if (!have_pooling) {
    if (modules.size() > 1) fail("{}: a Pooling module is required after the Transformer", modules_path);
    f.pooling = default_pooling(f.config.hidden_size);
  }
  return f;
}

}  // namespace nsmlab
