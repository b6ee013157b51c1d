#include "runner/encoder_choice.h"

#include <omp.h>

#include <filesystem>

#include "cpu/cpu_features.h"

#include "engine/neural_encoder.h"
#include "hub/known_models.h"
#include "hub/model_cache.h"
#include "hub/hub_download.h"
#include "hub/model_resolver.h"
#include "lexical/lexical_encoder.h"

namespace nsmlab {

namespace {

EncoderChoice neural(const ResolvedModel& model, const BackendOptions& backend, const std::string& language,
                     bool chosen_automatically) {
  const std::string& dir = model.path;
  const std::string& name = model.id;
  auto enc = std::make_unique<NeuralEncoder>(dir, backend);
  EncoderChoice c;
  c.name = name;
  c.path = dir;
  c.prompt = enc->default_prompt();
  if (c.prompt.empty())
    if (const KnownModel* k = find_known_model(name)) c.prompt = k->prompt;
  NeuralModelFields fields{enc->folder().weights_path, c.prompt, enc->max_seq_length(), enc->tokenizer().describe(),
                           std::nullopt, std::nullopt};
  // The languages it was trained for, and whether the run's language is one of them (empty: unknown).
  if (const KnownModel* known = find_known_model(name)) fields.languages = known->describe_languages();
  fields.covers_language = covers_language(name, language);
  c.model = {name, model.id, model.revision, dir, "neural", "",  // sha256: by the runner, timed as its own stage
             enc->dimension(), enc->architecture(), enc->parameter_count(), std::move(fields)};
  c.notice = language_warning(name, language, chosen_automatically);
  NeuralEncoder* raw = enc.get();
  c.backend = [raw] { return raw->backend_description(); };
  c.encoder = std::move(enc);
  return c;
}

}  // namespace

EncoderChoice choose_encoder(const std::string& model_spec, bool force_lexical, const std::string& language,
                             const BackendOptions& backend) {
  if (!model_spec.empty()) return neural(resolve_model(model_spec, hub_fetcher()), backend, language, false);
  if (!force_lexical)
    if (auto local = best_local_model(language))
      return neural({local->repo_id, local->revision, std::filesystem::absolute(local->path).lexically_normal().string()},
                    backend, language, true);
  EncoderChoice c;
  auto enc = std::make_unique<LexicalEncoder>();
  c.name = "lexical-baseline";
  std::string method = enc->describe();
  if (auto colon = method.find(": "); colon != std::string::npos) method = method.substr(colon + 2);
  // Models on this machine the automatic choice passed over because of the language.
  std::string skipped;
  if (!force_lexical)
    for (const LocalModel& m : find_local_models())
      if (m.complete && covers_language(m.repo_id, language) == false)
        skipped += fmt::format("\n{} is on this machine but not trained for '{}' (pass --model {} to use it anyway).",
                               m.repo_id, language, m.repo_id);
  c.notice = fmt::format(
      "LEXICAL BASELINE — {}. It measures shared character n-grams, not meaning: these numbers say nothing "
      "about the NSM hypotheses in a neural model's geometry.{}\n{}",
      method, skipped, how_to_get_models());
  c.model = {c.name, "", "", "", "lexical", "", enc->dimension(), enc->describe(), 0, std::nullopt};
  const int threads = backend.threads;
  c.backend = [threads] {
    BackendDescription d;
    d.device_name = cpu::model_name();
    d.instruction_set = "lexical";
    d.threads = threads > 0 ? threads : omp_get_max_threads();
    return d;
  };
  c.encoder = std::move(enc);
  return c;
}

}  // namespace nsmlab
