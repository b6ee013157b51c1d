// The "metadata" object of results.json as a type: the runner fills it, run_metadata_json is
// its only writer and parse_run_metadata its only reader (the terminal summary, the report,
// the figures, the comparison of models and bench), so that a renamed or missing key is an
// error naming it, never a "—". Keys that only some runs have are std::optional, and their
// presence follows a rule the reader checks (a neural model's fields, the chunk counts of
// --long-text chunk, a CUDA device's index). docs/RESULTS.md documents every key; a test
// checks that each key written is documented.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backend/backend_description.h"
#include "cpu/cpu_report.h"
#include "engine/long_text.h"
#include "experiments/experiment_options.h"
#include "util/json_file.h"

namespace nsmlab {

// What only a neural model has (absent for the lexical baseline).
struct NeuralModelFields {
  std::string weights;                     // the weight file hashed into sha256
  std::string prompt;                      // the model's default prompt ("" for none)
  size_t max_seq_length = 0;               // the model's own, before --max-seq-len
  std::string tokenizer;                   // one line: kind, vocabulary, normaliser, ...
  std::optional<std::string> languages;    // the languages it was trained for; null: not a known model
  std::optional<bool> covers_language;     // whether the run's language is one of them; null: unknown
  bool operator==(const NeuralModelFields&) const = default;
};

struct ModelMetadata {
  std::string name, id, revision, path;  // id, revision and path "" for the lexical baseline
  std::string kind;                      // "neural" or "lexical" (the reader refuses anything else)
  std::string sha256;                    // of the weights; "" for the lexical baseline
  size_t dimension = 0;
  std::string architecture;
  uint64_t parameters = 0;
  std::optional<NeuralModelFields> neural;  // present exactly when kind is "neural"
  bool lexical() const { return kind == "lexical"; }
  bool operator==(const ModelMetadata&) const = default;
};

struct DatasetMetadata {
  std::string name, origin, sha256;
  bool operator==(const DatasetMetadata&) const = default;
};

// What the run did with the texts longer than the model reads (engine/long_text.h); the
// count's windows and the settings' overlap are written with --long-text chunk only.
struct LongTextReport {
  LongTextCount count;
  LongTextSettings settings;
  std::string summary;  // one sentence, "" when no text was long
};

// Where the vectors came from with an embedding cache: rows found in it, rows encoded.
struct EmbeddingCacheUse {
  std::string path;
  size_t found = 0, encoded = 0;
  bool operator==(const EmbeddingCacheUse&) const = default;
};

// Every option of the run that decides its numbers.
struct RunParameters {
  std::string language, report_language;  // report_language resolved: "en" or "fr"
  size_t batch_tokens = 0, max_seq_len = 0;  // max_seq_len 0: the model's own
  bool normalize = false;
  H1Options h1;                      // n_init, kmeans, seed, tsne_perplexity, tsne_iter, thresholds
  H2Options h2;
  H3Options h3;
  SignificanceOptions significance;  // permutations, bootstrap, level, seed (jackknife: see h1.ci.computed)
};

struct RunMetadata {
  std::string nsmlab_version, created;  // created: UTC, ISO 8601
  ModelMetadata model;
  std::string backend;                  // backend_detail's name, or "cpu-lexical"
  BackendDescription backend_detail;
  std::string device;                   // backend_detail.device_name
  cpu::CpuReport cpu;
  std::string precision;
  int threads = 0;
  DatasetMetadata dataset;
  std::string language, prompt;         // prompt: what was prepended to every text
  std::map<std::string, LongTextReport> long_text;  // "primes", "corpus"; empty for the lexical baseline
  std::optional<EmbeddingCacheUse> embedding_cache;  // null: no cache
  RunParameters parameters;
  // Seconds per stage that ran ("load_model", "h1", ..., "plots_and_report", "total"); the report
  // is written before the last two exist.
  std::map<std::string, double> timings_s;
  // A stage's seconds, empty when it did not run (or, for the last two, not yet).
  std::optional<double> timing(const std::string& stage) const {
    auto it = timings_s.find(stage);
    return it == timings_s.end() ? std::nullopt : std::optional<double>(it->second);
  }
};

Json run_metadata_json(const RunMetadata& metadata);
// `where` names the file: "results.json: metadata", "bert/results.json: metadata".
RunMetadata parse_run_metadata(const Json& metadata, const std::string& where = "results.json: metadata");
// The metadata object of a whole results.json document (an error naming `file` without one).
RunMetadata parse_results_metadata(const Json& results, const std::string& file = "results.json");

// The pieces comparison.json copies from its first model's metadata, read the same way.
DatasetMetadata parse_dataset_metadata(const Json& dataset, const std::string& where);
Json dataset_metadata_json(const DatasetMetadata& dataset);
RunParameters parse_run_parameters(const Json& parameters, const std::string& where);
Json run_parameters_json(const RunParameters& parameters);

}  // namespace nsmlab
