#include <cstdio>
#include <memory>

#include "cli/backend_args.h"
#include "cli/cache_args.h"
#include "cli/cli_helpers.h"
#include "cli/commands.h"
#include "cli/embed_long_text.h"
#include "compare/compare_runs.h"
#include "runner/run_experiments.h"

namespace nsmlab::cli {

Action add_run(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  auto prompt = std::make_shared<std::string>();
  auto backend = std::make_shared<BackendArgs>();
  auto compare = std::make_shared<ComparisonRequest>();
  auto cache = std::make_shared<CacheArgs>();
  auto long_text = std::make_shared<LongTextArgs>();
  auto* c = app.add_subcommand("run", "Run the NSM-Greimas experiments (H1 clustering, H2 squares, H3 isotopies)");
  c->add_option("--dataset", o->dataset_path, "Dataset file (nsmlab format or the original panini JSON; default: built-in)");
  auto* model = c->add_option("--model", o->model_dir, "Model: folder, hub id ORG/NAME[@REVISION], known short name or hub cache folder (default: the best model found locally for --language, else the lexical baseline)");
  auto* lexical = c->add_flag("--lexical", o->lexical, "Use the built-in lexical baseline even if a neural model is present")
      ->excludes(model);
  auto* models = c->add_option("--models", compare->models,
                               "Compare models: A,B,... (each as --model takes it); each model's run goes into its own "
                               "subfolder of the output folder, with comparison.html/.md/.json beside them")
                     ->delimiter(',')
                     ->excludes(model)
                     ->excludes(lexical);
  c->add_option("--concurrent", compare->concurrent,
                "With --models: how many models run at once, a number or auto (as many as MemAvailable holds by "
                "their weights' size, at most one per core)")
      ->needs(models)
      ->capture_default_str();
  c->add_option("--language", o->language,
                "Language of the exponents and corpus: en or fr for the built-in dataset (a dataset file may have "
                "others); any case")
      ->transform(lowercase())
      ->capture_default_str();
  c->add_option("--output,-o", o->output_dir,
                "Output folder, replaced atomically if it holds a previous nsmlab output; anything else there is "
                "refused (default: a new folder per run under nsmlab-out/, nsmlab-out/latest the newest)");
  c->add_option("--prompt", *prompt, "Prompt prepended to every text (default: the model's, e.g. \"query: \" for e5)");
  add_backend_options(*c, *backend);
  add_cache_options(*c, *cache, true);  // on by default: docs/EMBED.md, "Cache", says why
  c->add_option("--batch-tokens", o->encode.batch_tokens, "Token budget per batch")->capture_default_str();
  c->add_option("--max-seq-len", o->encode.max_seq_len, "Truncate texts to this many tokens (default: the model's)");
  add_long_text_options(*c, *long_text);
  c->add_option("--kmeans-init", o->h1.n_init, "k-means restarts")->check(CLI::Range(1, 100000))->capture_default_str();
  c->add_option("--kmeans", o->h1.kmeans,
                "H1's k-means: sklearn reproduces the notebook's scikit-learn (1.3 to 1.7) label for label; "
                "sklearn-1.2 and sklearn-1.8 other scikit-learn versions; nsmlab its own")
      ->check(CLI::IsMember({"sklearn", "sklearn-1.2", "sklearn-1.8", "nsmlab"}))
      ->capture_default_str();
  c->add_option("--seed", o->h1.seed, "Seed of k-means and t-SNE")->capture_default_str();
  c->add_option("--perplexity", o->h1.tsne_perplexity, "t-SNE perplexity, used as given like scikit-learn (must be less than the number of primes)")
      ->check(CLI::Range(1.0, 1000.0))
      ->capture_default_str();
  c->add_option("--tsne-iter", o->h1.tsne_iter, "t-SNE iterations (scikit-learn's minimum is 250)")
      ->check(CLI::Range(250, 1000000))
      ->capture_default_str();
  c->add_option("--purity-threshold", o->h1.purity_threshold, "H1 holds if purity > this")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_option("--silhouette-threshold", o->h1.silhouette_threshold, "H1 holds if silhouette > this")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_option("--square-threshold", o->h2.rate_threshold, "H2 holds if the valid-square rate > this")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_option("--components", o->h3.max_components, "H3: PCA components (at most n-1)")->check(CLI::Range(1, 100000))->capture_default_str();
  c->add_option("--r-threshold", o->h3.r_threshold, "H3: an isotopy converges if best |r| > this")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_option("--isotopy-threshold", o->h3.rate_threshold, "H3 holds if the converging rate > this")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_option("--min-occurrences", o->h3.min_occurrences, "H3: skip isotopies found in fewer sentences")->check(CLI::Range(1, 1000000))->capture_default_str();
  c->add_option("--permutations", o->significance.permutations, "Permutations per significance test (0: none, p-values 'not computed')")->check(CLI::Range(0, 10000000))->capture_default_str();
  c->add_option("--bootstrap", o->significance.bootstrap, "Bootstrap resamples for the interval of H2's valid rate (H1 uses the jackknife)")->check(CLI::Range(0, 10000000))->capture_default_str();
  // Callbacks rather than "!--flag" bindings: those print their default as "{false}" in --help.
  c->add_flag_callback("--no-jackknife", [o] { o->significance.jackknife = false; },
                       "Skip H1's jackknife confidence intervals (O(n^2) in the primes)");
  c->add_option("--significance-seed", o->significance.seed, "Seed of permutations and bootstrap")->capture_default_str();
  c->add_option("--report-language", o->report_language,
                "Language of report.html, report.md and the figures: en, fr, or auto (the run's --language when it "
                "is French, else English)")
      ->transform(lowercase())
      ->check(CLI::IsMember({"auto", "en", "fr"}))
      ->capture_default_str();
  c->add_flag_callback("--no-plots", [o] { o->plots = false; }, "Skip plots and reports (results.json and .npy only)");
  return [o, prompt, backend, compare, cache, long_text, c] {
    if (c->count("--prompt")) o->prompt = *prompt;
    if (!o->lexical) o->embedding_cache = cache_file(*cache, true);
    apply_long_text_args(*long_text, o->encode);
    o->backend = backend_options(*backend, AutoPolicy::Faithful);
    if (!compare->models.empty()) {
      std::fputs(comparison_summary(run_comparison(*o, *compare)).c_str(), stdout);
      return 0;
    }
    RunOutcome out = run_experiments(*o);
    std::fputs(run_summary(out).c_str(), stdout);
    return 0;
  };
}

}  // namespace nsmlab::cli
