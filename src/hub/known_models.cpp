#include "hub/known_models.h"

#include <algorithm>
#include <cctype>

namespace nsmlab {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view repo_name(std::string_view repo_id) {
  const size_t slash = repo_id.find('/');
  return slash == std::string_view::npos ? repo_id : repo_id.substr(slash + 1);
}

std::string legacy_folder_name(std::string_view repo_id) {
  std::string s(repo_id);
  std::replace(s.begin(), s.end(), '/', '_');
  return s;
}

}  // namespace

bool KnownModel::handles(std::string_view language) const {
  if (multilingual) return true;
  return std::any_of(languages.begin(), languages.end(), [&](const std::string& l) { return iequals(l, language); });
}

const std::vector<KnownModel>& known_models() {
  static const std::vector<KnownModel> models = {
      {"sentence-transformers/paraphrase-multilingual-mpnet-base-v2", "mpnet-multilingual", true, {}, "", 278,
       "XLM-R base distilled from paraphrase-mpnet; 50+ languages, mean pooling; the original experiment's model"},
      {"intfloat/e5-large-v2", "e5-large", false, {"en"}, "query: ", 335,
       "BERT large, mean pooling; English; expects a \"query: \" or \"passage: \" prefix"},
      {"BAAI/bge-m3", "bge-m3", true, {}, "", 568,
       "XLM-R large, CLS pooling, 8192 tokens; 100+ languages (dense embeddings only here)"},
      {"dangvantuan/sentence-camembert-large", "camembert-large", false, {"fr"}, "", 337,
       "CamemBERT large fine-tuned on French STS; French only, mean pooling"},
      {"sentence-transformers/LaBSE", "labse", true, {}, "", 471,
       "BERT base with a 500k vocabulary, CLS pooling + dense + normalize; 109 languages, built for translation pairs"},
      {"sentence-transformers/all-MiniLM-L6-v2", "minilm-l6", false, {"en"}, "", 22.7,
       "6-layer MiniLM, mean pooling + normalize; English; small and fast"},
      {"sentence-transformers/all-mpnet-base-v2", "mpnet-en", false, {"en"}, "", 109,
       "MPNet base, mean pooling + normalize; English; strong general-purpose model"},
  };
  return models;
}

const KnownModel* find_known_model(std::string_view name) {
  for (const KnownModel& m : known_models())
    if (iequals(name, m.repo_id) || iequals(name, m.short_name) || iequals(name, repo_name(m.repo_id)) ||
        iequals(name, legacy_folder_name(m.repo_id)))
      return &m;
  return nullptr;
}

std::optional<LocalModel> best_local_model(const std::string& language, const std::vector<LocalModel>& models) {
  for (const KnownModel& known : known_models()) {
    if (!known.handles(language)) continue;
    for (const LocalModel& local : models)
      if (local.complete && iequals(local.repo_id, known.repo_id)) return local;
  }
  for (const LocalModel& local : models)
    if (local.complete) return local;
  return std::nullopt;
}

std::optional<LocalModel> best_local_model(const std::string& language) {
  return best_local_model(language, find_local_models());
}

std::string how_to_get_models() {
  const std::string& preferred = known_models().front().repo_id;
  return "To get the model of the original experiment:\n"
         "  huggingface-cli download " + preferred + "\n"
         "(needs network access; it lands in ~/.cache/huggingface/hub, where nsmlab finds it), or copy a model "
         "folder (config.json, model.safetensors, tokenizer.json) from another machine and pass --model DIR, "
         "or put it under $NSMLAB_MODELS.\n"
         "Other models nsmlab knows: " +
         [] {
           std::string list;
           for (size_t i = 1; i < known_models().size(); ++i) {
             if (i > 1) list += ", ";
             list += known_models()[i].repo_id;
           }
           return list;
         }() + ".";
}

}  // namespace nsmlab
