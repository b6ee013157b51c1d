// A sentence-transformers model folder (or a plain transformers one) read into one
// description: encoder config, pooling, optional Dense, Normalize, sequence length,
// prompts and where the tokenizer and the weights are. Reads configs only, no weights.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "model/sentence_modules.h"
#include "model/transformer_config.h"

namespace nsmlab {

struct ModelFolder {
  std::string path;
  TransformerConfig config;
  PoolingConfig pooling;
  std::optional<DenseConfig> dense;
  bool normalize = false;
  size_t max_seq_length = 0;
  bool do_lower_case = false;
  std::map<std::string, std::string> prompts;
  std::string default_prompt_name;  // empty when none
  std::string tokenizer_json;       // path (may not exist: the tokenizer module reports that)
  std::string weights_path;         // the Transformer module's weights (locate_weights; model.safetensors if none)
};

// modules.json decides the pipeline; without it the folder is a plain transformers model
// and gets mean pooling. Errors name the file and field at fault.
ModelFolder load_model_folder(const std::string& dir);

// What `dir` lacks to be loaded by load_model_folder, comma-separated, "" when nothing: the
// one definition of a usable folder (discovery and `nsmlab models` ask here). Files are
// looked for in the Transformer module's folder (modules.json decides, e.g. 0_Transformer/);
// a link whose target is gone (a hub blob never downloaded) counts as missing.
std::string missing_model_files(const std::string& dir);

// Output width of the whole pipeline (Dense out_features, else the pooling output).
size_t output_dimension(const ModelFolder& folder);

}  // namespace nsmlab
