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
  // ISO 639-1 codes of the training languages (the model card's list). A multilingual model
  // with an empty list covers more languages than nsmlab lists (100+): every language passes.
  std::vector<std::string> languages;
  std::string language_summary;  // "109 languages", shown before the list; "" for one language
  std::string prompt;                  // prepended to every text ("query: " for e5)
  double parameters_millions = 0;      // approximate
  std::string note;

  bool handles(std::string_view language) const;
  std::string describe_languages() const;  // "en", "fr", "50+ languages: ar, bg, ..."
};

const std::vector<KnownModel>& known_models();

// By repo id, short name, repo name without the organisation ("LaBSE"), or the legacy
// sentence-transformers folder name ("sentence-transformers_LaBSE"); case-insensitive.
const KnownModel* find_known_model(std::string_view name_or_repo);

// The first complete known model (in preference order) that handles `language`, else a
// complete local model nsmlab does not know (its languages unknown: the run warns), else
// nullopt. A known model trained for other languages is never chosen. The overload takes the models to choose from.
std::optional<LocalModel> best_local_model(const std::string& language);
std::optional<LocalModel> best_local_model(const std::string& language, const std::vector<LocalModel>& models);

// Whether the model named `repo_id` was trained for `language`: nullopt when nsmlab does not
// know the model (its languages are unknown).
std::optional<bool> covers_language(const std::string& repo_id, const std::string& language);

// The loud warning a run prints, records and reports when its model does not cover its
// language (or its languages are unknown and it was chosen automatically); "" otherwise.
std::string language_warning(const std::string& repo_id, const std::string& language, bool chosen_automatically);

// What the report and the terminal print when no neural model is found.
std::string how_to_get_models();

}  // namespace nsmlab
