#include "hub/known_models.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

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
  if (multilingual && languages.empty()) return true;  // 100+ languages, not listed one by one
  // "fr" also matches a regional code such as "fr-ca" in the list, and "fr-ca" matches "fr".
  const std::string_view base = language.substr(0, language.find('-'));
  return std::any_of(languages.begin(), languages.end(), [&](const std::string& l) {
    return iequals(l, language) || iequals(std::string_view(l).substr(0, l.find('-')), base);
  });
}

std::string KnownModel::describe_languages() const {
  std::string list;
  for (const std::string& l : languages) list += (list.empty() ? "" : ", ") + l;
  if (language_summary.empty()) return list;
  return list.empty() ? language_summary : language_summary + ": " + list;
}

const std::vector<KnownModel>& known_models() {
  static const std::vector<KnownModel> models = {
      {"sentence-transformers/paraphrase-multilingual-mpnet-base-v2", "mpnet-multilingual", true,
       {"ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "gl", "gu", "he", "hi", "hr",
        "hu", "hy", "id", "it", "ja", "ka", "ko", "ku", "lt", "lv", "mk", "mn", "mr", "ms", "my", "nb", "nl", "pl",
        "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "th", "tr", "uk", "ur", "vi", "zh"},
       "50+ languages", "", 278,
       "XLM-R base distilled from paraphrase-mpnet; 50+ languages, mean pooling; the original experiment's model"},
      {"intfloat/e5-large-v2", "e5-large", false, {"en"}, "", "query: ", 335,
       "BERT large, mean pooling; English; expects a \"query: \" or \"passage: \" prefix"},
      {"BAAI/bge-m3", "bge-m3", true, {}, "100+ languages (XLM-RoBERTa's)", "", 568,
       "XLM-R large, CLS pooling, 8192 tokens; 100+ languages (dense embeddings only here)"},
      {"dangvantuan/sentence-camembert-large", "camembert-large", false, {"fr"}, "", "", 337,
       "CamemBERT large fine-tuned on French STS; French only, mean pooling"},
      {"sentence-transformers/LaBSE", "labse", true, {}, "109 languages", "", 471,
       "BERT base with a 500k vocabulary, CLS pooling + dense + normalize; 109 languages, built for translation pairs"},
      {"sentence-transformers/all-MiniLM-L6-v2", "minilm-l6", false, {"en"}, "", "", 22.7,
       "6-layer MiniLM, mean pooling + normalize; English; small and fast"},
      {"sentence-transformers/all-mpnet-base-v2", "mpnet-en", false, {"en"}, "", "", 109,
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
    if (local.complete && !find_known_model(local.repo_id)) return local;
  return std::nullopt;
}

std::optional<bool> covers_language(const std::string& repo_id, const std::string& language) {
  const KnownModel* k = find_known_model(repo_id);
  if (!k) return std::nullopt;
  return k->handles(language);
}

std::string language_warning(const std::string& repo_id, const std::string& language, bool chosen_automatically) {
  const KnownModel* k = find_known_model(repo_id);
  if (k && !k->handles(language))
    return fmt::format("LANGUAGE MISMATCH — {} was trained for {}, not for '{}': its geometry says little about "
                       "'{}' exponents, so these results do not test the hypotheses in that language. A model "
                       "for '{}': {}.",
                       repo_id, k->describe_languages(), language, language, language, [&] {
                         std::string list;
                         for (const KnownModel& m : known_models())
                           if (m.handles(language)) list += (list.empty() ? "" : ", ") + m.repo_id;
                         return list.empty() ? std::string("none known to nsmlab") : list;
                       }());
  if (!k && chosen_automatically)
    return fmt::format("UNKNOWN LANGUAGES — {} was chosen automatically but nsmlab does not know which languages "
                       "it was trained for; check that it covers '{}' (or pass --model).",
                       repo_id, language);
  return "";
}

std::optional<LocalModel> best_local_model(const std::string& language) {
  return best_local_model(language, find_local_models());
}

std::string how_to_get_models() {
  const std::string& preferred = known_models().front().repo_id;
  return "To get the model of the original experiment:\n"
         "  nsmlab pull " + preferred + "   (or: huggingface-cli download " + preferred + ")\n"
         "(needs network access; it lands in the Hugging Face cache, where nsmlab finds it), or copy a model "
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
