// What `model` means in SentenceModel(model) and run(model=...): the one place the Python
// module turns a user's model name into a folder, so it can follow the CLI's resolution.
#pragma once
#include <string>

namespace nsmlab::python {

// A model folder as given; else a model already on this machine (hub cache, $NSMLAB_MODELS,
// sentence-transformers' cache) by repo id ("org/name"), known short name or name without
// the organisation. Nothing is downloaded. Errors list what was searched.
std::string resolve_model_folder(const std::string& model);

}  // namespace nsmlab::python
