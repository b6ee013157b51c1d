#include "runner/run_experiments.h"

#include <omp.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "cpu/cpu_report.h"
#include "cache/cache_space.h"
#include "engine/neural_encoder.h"
#include "experiments/dataset.h"
#include "experiments/h1_clustering.h"
#include "experiments/h2_squares.h"
#include "experiments/h3_isotopies.h"
#include "experiments/metadata_result.h"
#include "experiments/synthesis.h"
#include "report/output_files.h"
#include "report/row_labels.h"
#include "report/write_outputs.h"
#include "runner/encoder_choice.h"
#include "runner/output_location.h"
#include "runner/run_metadata.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/npy.h"
#include "util/scoped_threads.h"
#include "util/staging_directory.h"
#include "util/digest_cache.h"
#include "util/timer.h"

namespace nsmlab {

namespace {

RunParameters run_parameters(const RunOptions& o) {
  return {o.language,
          report_language_code(resolve_report_language(o.report_language, o.language)),
          o.encode.batch_tokens,
          o.encode.max_seq_len,
          o.encode.normalize,
          o.h1,
          o.h2,
          o.h3,
          o.significance};
}

void collect_warnings(const Json& section, std::vector<std::string>& out) {
  if (section.contains("warnings"))
    for (const auto& w : section["warnings"]) out.push_back(w.get<std::string>());
}

}  // namespace

RunOutcome run_experiments(const RunOptions& o) {
  ScopedThreads threads(o.backend.threads);  // the analysis' own OpenMP loops (k-means, t-SNE, ...)
  Timer total;
  std::map<std::string, double> timings;
  auto stage = [&](const char* name, auto&& fn) {
    Timer t;
    fn();
    timings[name] = t.seconds();
  };

  Dataset dataset;
  stage("load_dataset", [&] { dataset = o.dataset_path.empty() ? builtin_dataset() : load_dataset(o.dataset_path); });
  const std::string& lang = o.language;
  std::vector<const Prime*> primes;
  std::vector<std::string> prime_texts;
  for (const Prime& p : dataset.primes) {
    auto it = p.exponents.find(lang);
    if (it == p.exponents.end() || it->second.empty()) continue;
    primes.push_back(&p);
    prime_texts.push_back(it->second.front());
  }
  if (primes.size() < 3)
    fail("{}: only {} primes have exponents in language '{}' (field primes[].exponents.{}); pick --language among: {}",
         dataset.origin, primes.size(), lang, lang, fmt::join(dataset.languages(), ", "));
  auto corpus_it = dataset.corpora.find(lang);
  bool have_corpus = corpus_it != dataset.corpora.end() && corpus_it->second.size() >= 3;

  EncoderChoice choice;
  stage("load_model", [&] { choice = choose_encoder(o.model_dir, o.lexical, lang, o.backend); });
  if (!choice.model.lexical() && !choice.notice.empty())  // a language warning: before the work
    std::fprintf(stderr, "nsmlab: *** %s\n", choice.notice.c_str());

  // Fail on an unwritable or unreplaceable output before minutes of work, not after.
  const bool per_run_folder = o.output_dir.empty();
  const std::string output_dir = per_run_folder
      ? (std::filesystem::path(kDefaultOutputRoot) / run_folder_name(choice.name, std::time(nullptr))).string()
      : o.output_dir;
  refuse_input_inside_output(output_dir, o.dataset_path, "dataset");
  refuse_input_inside_output(output_dir, choice.path, "model folder");
  StagingDirectory staging(output_dir, per_run_folder ? StagingDirectory::Mode::NewFolder
                                                      : StagingDirectory::Mode::Replace);
  if (choice.model.neural)
    stage("hash_model", [&] { choice.model.sha256 = sha256_file_hex_cached(choice.model.neural->weights); });
  EncodeOptions enc = o.encode;
  enc.prompt = o.prompt.value_or(choice.prompt);

  // Through the embedding cache when there is one (neural models only: the baseline is cheaper
  // than a lookup). The rows are the same bytes either way (docs/EMBED.md, "Cache").
  std::unique_ptr<EmbeddingCache> cache;
  CacheSpace space;
  CacheCounts cached;
  auto* neural = dynamic_cast<NeuralEncoder*>(choice.encoder.get());
  if (neural && !o.embedding_cache.empty())
    stage("open_cache", [&] {
      cache = std::make_unique<EmbeddingCache>(o.embedding_cache);
      space = open_cache_space(*cache, *neural, enc);
    });
  auto encode = [&](const std::vector<std::string>& texts) {
    return cache ? encode_cached(*neural, space, texts, enc, cached) : choice.encoder->encode(texts, enc);
  };
  Matrix prime_emb, corpus_emb;
  // The truncation report of each encode (a neural model's; the lexical baseline reads whole texts).
  // The cache's hits were not tokenised: with a cache, every text is counted again.
  std::map<std::string, LongTextReport> long_text;
  std::vector<std::string> long_text_warnings;
  auto take_long_text = [&](const char* what, const std::vector<std::string>& texts) {
    LongTextCount count = choice.encoder->take_long_text_count();
    if (!neural) return;
    if (cache) count = neural->count_long_texts(texts, enc);
    const LongTextSettings s{enc.long_text, enc.chunk_overlap, neural->max_seq_length(enc)};
    const std::string said = long_text_summary(count, s);
    long_text[what] = {count, s, said};
    if (!said.empty()) long_text_warnings.push_back(fmt::format("{}: {}", what, said));
  };
  choice.encoder->take_long_text_count();  // whatever loading encoded (a probe) is not the run's
  stage("encode_primes", [&] { prime_emb = encode(prime_texts); });
  take_long_text("primes", prime_texts);
  if (have_corpus) {
    std::vector<std::string> texts;
    for (const auto& s : corpus_it->second) texts.push_back(s.text);
    stage("encode_corpus", [&] { corpus_emb = encode(texts); });
    take_long_text("corpus", texts);
  }
  if (cache)
    std::fprintf(stderr, "nsmlab: embedding cache %s: %zu of %zu texts found, %zu encoded\n", cache->path().c_str(),
                 cached.hits, cached.hits + cached.encoded, cached.encoded);

  RunOutcome out;
  Json& r = out.results;
  r["schema"] = "nsmlab.results/1";
  stage("h1", [&] { r["h1"] = run_h1(prime_emb, primes, dataset, o.h1, o.significance); });
  stage("h2", [&] { r["h2"] = run_h2(prime_emb, primes, dataset, o.h2, o.significance); });
  if (have_corpus) {
    stage("h3", [&] { r["h3"] = run_h3(corpus_emb, corpus_it->second, dataset, lang, o.h3, o.significance); });
  } else {
    out.warnings.push_back(fmt::format("H3 not run: the dataset has no corpus in language '{}'", lang));
  }
  out.warnings.insert(out.warnings.end(), long_text_warnings.begin(), long_text_warnings.end());
  collect_warnings(r["h1"], out.warnings);
  collect_warnings(r["h2"], out.warnings);
  if (r.contains("h3")) collect_warnings(r["h3"], out.warnings);
  r["synthesis"] = make_synthesis(r["h1"], r["h2"], r.value("h3", Json()), choice.model.lexical());
  if (!choice.notice.empty()) r["notice"] = choice.notice;

  const BackendDescription backend = choice.backend();  // after the encodes: fallbacks included
  RunMetadata meta;
  meta.nsmlab_version = kNsmlabVersion;
  meta.created = iso8601_now_utc();
  meta.model = choice.model;
  meta.backend = choice.encoder->kind() == "neural" ? backend.name() : "cpu-lexical";
  meta.backend_detail = backend;
  meta.device = backend.device_name;
  meta.cpu = cpu::cpu_report();
  meta.precision = std::string(precision_name(backend.precision));
  meta.threads = backend.threads;
  meta.dataset = {dataset.name, dataset.origin, dataset.sha256};
  meta.language = lang;
  meta.prompt = enc.prompt;
  meta.long_text = long_text;
  // Where the vectors came from: a reader can tell a run that encoded nothing from one that did.
  if (cache) meta.embedding_cache = EmbeddingCacheUse{cache->path(), cached.hits, cached.encoded};
  meta.parameters = run_parameters(o);
  meta.timings_s = timings;
  r["metadata"] = run_metadata_json(meta);

  r["rows"] = {{"primes", prime_rows(primes, prime_texts)}};
  write_npy(staging.file("primes.npy"), prime_emb);
  write_file_atomic(staging.file("primes.tsv"), rows_tsv(r["rows"]["primes"]));
  if (have_corpus) {
    r["rows"]["corpus"] = corpus_rows(corpus_it->second, lang);
    write_npy(staging.file("corpus.npy"), corpus_emb);
    write_file_atomic(staging.file("corpus.tsv"), rows_tsv(r["rows"]["corpus"]));
  }
  if (o.plots) {
    Timer t;
    write_report_files(r, staging.path(), resolve_report_language(o.report_language, lang));
    meta.timings_s["plots_and_report"] = t.seconds();
  }
  meta.timings_s["total"] = total.seconds();
  r["metadata"] = run_metadata_json(meta);
  write_file_atomic(staging.file("results.json"), r.dump(2) + "\n");
  for (const OutputFile& f : kOutputFiles)
    if (std::filesystem::exists(staging.file(f.name))) out.files.push_back(f.name);
  out.output_dir = staging.commit();
  if (per_run_folder)
    point_latest_link(kDefaultOutputRoot, std::filesystem::path(out.output_dir).filename().string());
  return out;
}

std::string run_summary(const RunOutcome& out) {
  std::ostringstream s;
  const Json& r = out.results;
  const RunMetadata m = parse_results_metadata(r);
  s << fmt::format("nsmlab {} — model: {} ({}), dataset: {}, language: {}\n", m.nsmlab_version, m.model.name,
                   m.model.kind, m.dataset.name, m.language);
  if (r.contains("notice")) s << "\n*** " << r["notice"].get<std::string>() << "\n";
  s << "\n" << synthesis_table(r["synthesis"], ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr) << "\n";
  for (const auto& w : out.warnings) s << "warning: " << w << "\n";
  const std::optional<double> seconds = m.timing("total");
  if (!seconds) fail("results.json: metadata.timings_s: missing field 'total'");
  s << fmt::format("\nResults in {}/ ({:.2f} s in all):\n", out.output_dir, *seconds);
  for (const auto& f : out.files) s << "  " << out.output_dir << "/" << f << "\n";
  return s.str();
}

}  // namespace nsmlab
