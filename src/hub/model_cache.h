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
  std::string revision; // hub cache: the snapshot's commit; "" for a plain folder
};

// Checks one model folder: complete, or the missing files (model/model_folder.h's
// missing_model_files decides, so what is listed complete is what loads).
LocalModel inspect_model_folder(const std::string& repo_id, const std::string& path);

// A hub cache entry models--org--name at one revision: "" follows refs/main (else the newest
// complete snapshot), a 40-hex commit names snapshots/<commit>, anything else refs/<revision>.
// Not found: complete == false and `missing` says what is absent.
LocalModel inspect_hub_entry(const std::string& entry, const std::string& revision = "");

// "models--org--name" for "org/name" (the hub client's folder name), and back.
std::string hub_folder_name(const std::string& repo_id);
std::string repo_from_hub_folder(const std::string& folder);

// True for a full commit hash (40 lowercase hex digits).
bool is_commit_hash(const std::string& revision);

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
