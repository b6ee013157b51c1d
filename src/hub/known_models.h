// The sentence-embedding models the researchers compare, in the order `nsmlab run`
// prefers them, and how to pick the best one already on this machine.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/model_cache.h"

namespace nsmlab {

struct KnownModel {
  std::string repo_id;     // "sentence-transformers/paraphrase-multilingual-mpnet-base-v2"
  std::string short_name;  // "mpnet-multilingual"
  bool multilingual = false;
  std::vector<std::string> languages;  // ISO 639-1 codes it was trained for when !multilingual
  std::string prompt;                  // prepended to every text ("query: " for e5)
  double parameters_millions = 0;      // approximate
  std::string note;

  bool handles(std::string_view language) const;
};

const std::vector<KnownModel>& known_models();

// By repo id, short name, repo name without the organisation ("LaBSE"), or the legacy
// sentence-transformers folder name ("sentence-transformers_LaBSE"); case-insensitive.
const KnownModel* find_known_model(std::string_view name_or_repo);

// The first complete known model (in preference order) that handles `language`, else
// any complete local model, else nullopt. The overload takes the models to choose from.
std::optional<LocalModel> best_local_model(const std::string& language);
std::optional<LocalModel> best_local_model(const std::string& language, const std::vector<LocalModel>& models);

// What the report and the terminal print when no neural model is found.
std::string how_to_get_models();

}  // namespace nsmlab
