// `nsmlab pull`: a sentence-transformers model from a Hugging Face hub into the
// huggingface_hub cache, with the protocol and the layout huggingface_hub uses, so that
// Python reads what nsmlab fetched and the other way round:
//   HEAD {endpoint}/{repo}/resolve/{commit}/{file}   (relative redirects followed here,
//        X-Repo-Commit, X-Linked-Etag/ETag, X-Linked-Size), then GET of the Location (the
//        token is not sent to another host); the file list from /api/models/{repo}/revision/{rev}
//   {cache}/models--org--name/blobs/<etag>, snapshots/<commit>/<file> -> ../../blobs/<etag>
//   (relative links), refs/<revision>, .no_exist/<commit>/<file>
// Blobs are written to a per-process temporary file, resumed with Range after a dropped
// connection, checked (size, and sha256 for LFS files) and renamed into place when complete;
// the snapshot's links and the ref are made only once every blob is there.
#pragma once
#include <string>
#include <vector>

#include "hub/hub_settings.h"
#include "hub/model_resolver.h"

namespace nsmlab {

// The files of a repository a sentence-transformers model needs: configs, tokenizer, module
// folders (1_Pooling, 2_Dense...), and per folder the weights: model.safetensors, else the
// sharded index and its shards, else pytorch_model.bin; bge-m3's sparse/colbert heads.
std::vector<std::string> files_a_model_needs(const std::vector<std::string>& repo_files);

// A file name from the server: relative, no "..", no empty part, no backslash or control byte.
bool safe_repo_path(const std::string& name);

ResolvedModel pull_model(const ModelName& name, const HubSettings& settings);
ResolvedModel pull_model(const ModelName& name);  // with hub_settings()

// resolve_model's fetcher: pulls, saying so on stderr first.
ModelFetcher hub_fetcher();

}  // namespace nsmlab
