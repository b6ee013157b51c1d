// Finding the models already on this machine: the folders a user, the Hugging Face
// hub client or sentence-transformers leave behind. Nothing here touches the network.
#pragma once
#include <string>
#include <vector>

namespace nsmlab {

struct LocalModel {
  std::string repo_id;  // "sentence-transformers/paraphrase-multilingual-mpnet-base-v2"
  std::string path;     // the model folder (for a hub cache: the snapshot folder)
  bool complete = false;
  std::string missing;  // when !complete: what is missing, e.g. "model.safetensors"
};

// The files a model folder needs to be loaded (modules.json is optional).
inline constexpr const char* kRequiredModelFiles[] = {"config.json", "model.safetensors", "tokenizer.json"};

// Checks one model folder: complete, or the missing files (comma-separated; a
// pytorch_model.bin present instead of model.safetensors is said so). Files in hub
// snapshots are links into blobs/: a dangling link counts as missing.
LocalModel inspect_model_folder(const std::string& repo_id, const std::string& path);

// The roots searched, in order, existing or not:
//   $NSMLAB_MODELS                  a folder of model folders (plain "name", "org/name",
//                                   "org_name" or hub-cache "models--org--name" entries)
//   $HF_HUB_CACHE, $HF_HOME/hub, ~/.cache/huggingface/hub
//                                   hub cache: models--org--name/snapshots/<rev>/, refs/main
//   $SENTENCE_TRANSFORMERS_HOME, ~/.cache/torch/sentence_transformers
//                                   legacy "org_name" folders (or a hub-cache layout)
struct ModelRoot {
  std::string path;
  bool sentence_transformers = false;  // names "org_name" mean "org/name"
};
std::vector<ModelRoot> model_search_roots();

// Every model folder found under the roots, in root order, then by repo id and path.
// A folder reached from two roots is listed once.
std::vector<LocalModel> find_local_models();
std::vector<LocalModel> find_local_models(const std::vector<ModelRoot>& roots);

}  // namespace nsmlab
