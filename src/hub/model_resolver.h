// What `--model` names, resolved to one model folder: the one resolver every command uses.
// Accepted, in this order (as sentence-transformers resolves names):
//   a folder            a model folder, a hub cache entry (models--org--name, through refs/)
//                       or one of its snapshots/<commit>
//   ORG/NAME[@REV]      a hub id, looked up by the discovery `nsmlab models` uses
//   NAME[@REV]          a known model's short name ("labse", "minilm-l6") or repo name,
//                       else sentence-transformers/NAME
#pragma once
#include <functional>
#include <string>

namespace nsmlab {

struct ModelName {
  std::string repo_id;   // "sentence-transformers/all-MiniLM-L6-v2"
  std::string revision;  // "" for the default branch
};

// ORG/NAME[@REV] or NAME[@REV] read as huggingface_hub validates ids (letters, digits, '-',
// '_', '.'; no "--" or ".."; at most 96 characters); revisions are relative refs or commits.
// Errors name the text and what was expected.
ModelName parse_model_name(const std::string& text);

struct ResolvedModel {
  std::string id;        // repo id, or the folder's name for a plain folder
  std::string revision;  // the commit for a hub cache snapshot, else ""
  std::string path;      // absolute model folder
};

// Fetches a model missing from the cache (nsmlab pull's download); returns the snapshot.
using ModelFetcher = std::function<ResolvedModel(const ModelName&)>;

// Resolves `spec`. A name not on this machine is fetched with `fetch` when one is given and
// HF_HUB_OFFLINE is not set; otherwise the error names the command that would fetch it.
// A name whose folder is incomplete is refused with what it lacks; a folder given by path is
// left to the loader, whose errors name the file at fault.
ResolvedModel resolve_model(const std::string& spec, const ModelFetcher& fetch = {});

// HF_HUB_OFFLINE set to 1/ON/YES/TRUE (huggingface_hub's truthy values).
bool hub_offline();

}  // namespace nsmlab
