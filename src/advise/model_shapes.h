// From a model's name to its shape: a model folder, a config.json, or a known repo id
// (ORG/NAME). Known ids use the real config.json of ../shared/reference/tokenizers/ when it
// is there, else the config values written below (copied from each model's config.json on
// the Hugging Face hub). Speed depends only on the shape, so this is all bench's random-weight
// models and advise's work model need.
#pragma once
#include <string>

#include "advise/work_model.h"
#include "util/json_file.h"

namespace nsmlab {

struct ModelShape {
  std::string name;            // as the user wrote it, or the repo id it resolved to
  Json config;                 // the config.json content
  std::string config_origin;   // the file it came from, or "nsmlab's table of known shapes"
  std::string tokenizer_json;  // a real tokenizer file for this model (or one with its vocabulary), "" if none here
  std::string tokenizer_note;  // how close that tokenizer is to the model's own
  WorkModel work;
};

// Folder (with config.json), path to a config.json, or a known model's repo id / short name.
// Errors name what was tried.
ModelShape resolve_model_shape(const std::string& name_or_path);

// The work model of a config.json's content; errors name `origin` and the field.
WorkModel work_model_from_json(const Json& config, const std::string& name, const std::string& origin);

// $NSMLAB_SHARED_DIR, else the source tree's ../shared (where the reference folders are); "" if absent.
std::string shared_dir();

}  // namespace nsmlab
