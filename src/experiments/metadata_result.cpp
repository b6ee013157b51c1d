#include "experiments/metadata_result.h"

#include <fmt/format.h>

#include "experiments/result_fields.h"

namespace nsmlab {
namespace {

// ---- small readers of this object's shapes (result_fields.h has the shared ones) ----------

const Json& metadata_field(const Json& obj, const char* key, const std::string& where) {
  require_result_object(obj, where);
  auto it = obj.find(key);
  if (it == obj.end()) fail("{}: missing field '{}'", where, key);
  return *it;
}

std::optional<bool> metadata_nullable_bool(const Json& obj, const char* key, const std::string& where) {
  const Json& v = metadata_field(obj, key, where);
  if (v.is_null()) return std::nullopt;
  return json_detail::convert<bool>(v, key, where);
}

// An object whose values all have type T (features: bool, libraries: string, timings: double).
template <typename T>
std::map<std::string, T> metadata_map(const Json& obj, const char* key, const std::string& where) {
  const Json& m = result_object(obj, key, where);
  const std::string at = where + "." + key;
  std::map<std::string, T> out;
  for (const auto& [name, value] : m.items()) out[name] = json_detail::convert<T>(value, name, at);
  return out;
}

// One of `names`, else an error listing them.
std::string metadata_choice(const Json& obj, const char* key, const std::string& where,
                            std::initializer_list<const char*> names) {
  const std::string v = json_require<std::string>(obj, key, where);
  for (const char* n : names)
    if (v == n) return v;
  fail("{}: field '{}' is '{}', expected {}", where, key, v, fmt::join(names, " or "));
}

// ---- the pieces ---------------------------------------------------------------------------

Json model_json(const ModelMetadata& m) {
  Json j = {{"name", m.name},       {"id", m.id},         {"revision", m.revision},
            {"path", m.path},       {"kind", m.kind},     {"sha256", m.sha256},
            {"dimension", m.dimension}, {"architecture", m.architecture}, {"parameters", m.parameters}};
  if (m.neural) {
    const NeuralModelFields& n = *m.neural;
    j["weights"] = n.weights;
    j["prompt"] = n.prompt;
    j["max_seq_length"] = n.max_seq_length;
    j["tokenizer"] = n.tokenizer;
    j["languages"] = n.languages ? Json(*n.languages) : Json(nullptr);
    j["covers_language"] = n.covers_language ? Json(*n.covers_language) : Json(nullptr);
  }
  return j;
}

ModelMetadata parse_model(const Json& j, const std::string& where) {
  require_result_object(j, where);
  ModelMetadata m;
  m.name = json_require<std::string>(j, "name", where);
  m.id = json_require<std::string>(j, "id", where);
  m.revision = json_require<std::string>(j, "revision", where);
  m.path = json_require<std::string>(j, "path", where);
  m.kind = metadata_choice(j, "kind", where, {"neural", "lexical"});
  m.sha256 = json_require<std::string>(j, "sha256", where);
  m.dimension = json_require<size_t>(j, "dimension", where);
  m.architecture = json_require<std::string>(j, "architecture", where);
  m.parameters = json_require<uint64_t>(j, "parameters", where);
  if (m.kind == "neural") {
    NeuralModelFields n;
    n.weights = json_require<std::string>(j, "weights", where);
    n.prompt = json_require<std::string>(j, "prompt", where);
    n.max_seq_length = json_require<size_t>(j, "max_seq_length", where);
    n.tokenizer = json_require<std::string>(j, "tokenizer", where);
    n.languages = result_nullable_string(j, "languages", where);
    n.covers_language = metadata_nullable_bool(j, "covers_language", where);
    m.neural = std::move(n);
  }
  return m;
}

BackendDescription parse_backend_detail(const Json& j, const std::string& where) {
  require_result_object(j, where);
  BackendDescription d;
  d.device = metadata_choice(j, "device", where, {"cpu", "cuda"}) == "cuda" ? DeviceKind::Cuda : DeviceKind::Cpu;
  d.device_name = json_require<std::string>(j, "device_name", where);
  const std::string precision = json_require<std::string>(j, "precision", where);
  const std::optional<Precision> p = parse_precision(precision);
  if (!p) fail("{}: field 'precision' is '{}', expected fp32, bf16, fp16 or int8", where, precision);
  d.precision = *p;
  d.instruction_set = json_require<std::string>(j, "instruction_set", where);
  d.threads = json_require<int>(j, "threads", where);
  d.libraries = metadata_map<std::string>(j, "libraries", where);
  d.notes = result_strings(j, "notes", where);
  if (d.device == DeviceKind::Cuda) d.device_index = json_require<int>(j, "device_index", where);
  // The name is made from the fields above: a different one means a hand-edited document.
  const std::string name = json_require<std::string>(j, "name", where);
  if (name != d.name()) fail("{}: field 'name' is '{}', but its device and precision make '{}'", where, name, d.name());
  return d;
}

Json cpu_json(const cpu::CpuReport& c) {
  return {{"kernels_isa", c.kernels_isa}, {"requested", c.requested},     {"onednn_max_isa", c.onednn_max_isa},
          {"onednn_isa", c.onednn_isa},   {"features", c.features},       {"compile_flags", c.compile_flags}};
}

cpu::CpuReport parse_cpu(const Json& j, const std::string& where) {
  require_result_object(j, where);
  cpu::CpuReport c;
  c.kernels_isa = json_require<std::string>(j, "kernels_isa", where);
  c.requested = json_require<std::string>(j, "requested", where);
  c.onednn_max_isa = json_require<std::string>(j, "onednn_max_isa", where);
  c.onednn_isa = json_require<std::string>(j, "onednn_isa", where);
  c.features = metadata_map<bool>(j, "features", where);
  c.compile_flags = json_require<std::string>(j, "compile_flags", where);
  return c;
}

Json long_text_report_json(const LongTextReport& r) {
  Json j = long_text_json(r.count, r.settings);  // the engine's own shape, also in embed's manifests
  j["summary"] = r.summary;
  return j;
}

LongTextReport parse_long_text_report(const Json& j, const std::string& where) {
  require_result_object(j, where);
  LongTextReport r;
  r.settings.mode = metadata_choice(j, "mode", where, {"truncate", "chunk"}) == "chunk" ? LongTextMode::chunk
                                                                                         : LongTextMode::truncate;
  r.settings.max_seq_len = json_require<size_t>(j, "max_seq_len", where);
  r.count.texts = json_require<size_t>(j, "texts", where);
  r.count.over = json_require<size_t>(j, "over_max_seq_len", where);
  r.count.longest = json_require<size_t>(j, "longest_tokens", where);
  if (r.settings.mode == LongTextMode::chunk) {
    r.settings.overlap = json_require<size_t>(j, "chunk_overlap", where);
    r.count.windows = json_require<size_t>(j, "windows", where);
  } else {
    r.count.windows = r.count.texts;  // one sequence per text when truncating
  }
  r.summary = json_require<std::string>(j, "summary", where);
  return r;
}

}  // namespace

Json dataset_metadata_json(const DatasetMetadata& d) {
  return {{"name", d.name}, {"origin", d.origin}, {"sha256", d.sha256}};
}

DatasetMetadata parse_dataset_metadata(const Json& j, const std::string& where) {
  require_result_object(j, where);
  return {json_require<std::string>(j, "name", where), json_require<std::string>(j, "origin", where),
          json_require<std::string>(j, "sha256", where)};
}

Json run_parameters_json(const RunParameters& p) {
  return {{"language", p.language},
          {"report_language", p.report_language},
          {"batch_tokens", p.batch_tokens},
          {"max_seq_len", p.max_seq_len},
          {"normalize", p.normalize},
          {"h1", {{"n_init", p.h1.n_init}, {"kmeans", p.h1.kmeans}, {"seed", p.h1.seed},
                  {"tsne_perplexity", p.h1.tsne_perplexity}, {"tsne_iter", p.h1.tsne_iter},
                  {"purity_threshold", p.h1.purity_threshold}, {"silhouette_threshold", p.h1.silhouette_threshold}}},
          {"h2", {{"rate_threshold", p.h2.rate_threshold}}},
          {"h3", {{"max_components", p.h3.max_components}, {"r_threshold", p.h3.r_threshold},
                  {"rate_threshold", p.h3.rate_threshold}, {"min_occurrences", p.h3.min_occurrences}}},
          {"significance", {{"permutations", p.significance.permutations}, {"bootstrap", p.significance.bootstrap},
                            {"level", p.significance.level}, {"seed", p.significance.seed}}}};
}

RunParameters parse_run_parameters(const Json& j, const std::string& where) {
  require_result_object(j, where);
  RunParameters p;
  p.language = json_require<std::string>(j, "language", where);
  p.report_language = metadata_choice(j, "report_language", where, {"en", "fr"});
  p.batch_tokens = json_require<size_t>(j, "batch_tokens", where);
  p.max_seq_len = json_require<size_t>(j, "max_seq_len", where);
  p.normalize = json_require<bool>(j, "normalize", where);
  const std::string h1_at = where + ".h1";
  const Json& h1 = result_object(j, "h1", where);
  p.h1.n_init = json_require<int>(h1, "n_init", h1_at);
  p.h1.kmeans = json_require<std::string>(h1, "kmeans", h1_at);
  p.h1.seed = json_require<uint64_t>(h1, "seed", h1_at);
  p.h1.tsne_perplexity = json_require<double>(h1, "tsne_perplexity", h1_at);
  p.h1.tsne_iter = json_require<int>(h1, "tsne_iter", h1_at);
  p.h1.purity_threshold = json_require<double>(h1, "purity_threshold", h1_at);
  p.h1.silhouette_threshold = json_require<double>(h1, "silhouette_threshold", h1_at);
  p.h2.rate_threshold = json_require<double>(result_object(j, "h2", where), "rate_threshold", where + ".h2");
  const std::string h3_at = where + ".h3";
  const Json& h3 = result_object(j, "h3", where);
  p.h3.max_components = json_require<int>(h3, "max_components", h3_at);
  p.h3.r_threshold = json_require<double>(h3, "r_threshold", h3_at);
  p.h3.rate_threshold = json_require<double>(h3, "rate_threshold", h3_at);
  p.h3.min_occurrences = json_require<int>(h3, "min_occurrences", h3_at);
  const std::string s_at = where + ".significance";
  const Json& s = result_object(j, "significance", where);
  p.significance.permutations = json_require<int>(s, "permutations", s_at);
  p.significance.bootstrap = json_require<int>(s, "bootstrap", s_at);
  p.significance.level = json_require<double>(s, "level", s_at);
  p.significance.seed = json_require<uint64_t>(s, "seed", s_at);
  return p;
}

Json run_metadata_json(const RunMetadata& m) {
  Json long_text = Json::object();
  for (const auto& [what, report] : m.long_text) long_text[what] = long_text_report_json(report);
  Json cache = nullptr;
  if (m.embedding_cache)
    cache = {{"path", m.embedding_cache->path}, {"found", m.embedding_cache->found}, {"encoded", m.embedding_cache->encoded}};
  return {{"nsmlab_version", m.nsmlab_version},
          {"created", m.created},
          {"model", model_json(m.model)},
          {"backend", m.backend},
          {"backend_detail", m.backend_detail.to_json()},  // the backend's own writer
          {"device", m.device},
          {"cpu", cpu_json(m.cpu)},
          {"precision", m.precision},
          {"threads", m.threads},
          {"dataset", dataset_metadata_json(m.dataset)},
          {"language", m.language},
          {"prompt", m.prompt},
          {"long_text", long_text},
          {"embedding_cache", cache},
          {"parameters", run_parameters_json(m.parameters)},
          {"timings_s", m.timings_s}};
}

RunMetadata parse_run_metadata(const Json& j, const std::string& where) {
  require_result_object(j, where);
  RunMetadata m;
  m.nsmlab_version = json_require<std::string>(j, "nsmlab_version", where);
  m.created = json_require<std::string>(j, "created", where);
  m.model = parse_model(result_object(j, "model", where), where + ".model");
  m.backend = json_require<std::string>(j, "backend", where);
  m.backend_detail = parse_backend_detail(result_object(j, "backend_detail", where), where + ".backend_detail");
  m.device = json_require<std::string>(j, "device", where);
  m.cpu = parse_cpu(result_object(j, "cpu", where), where + ".cpu");
  m.precision = json_require<std::string>(j, "precision", where);
  m.threads = json_require<int>(j, "threads", where);
  m.dataset = parse_dataset_metadata(result_object(j, "dataset", where), where + ".dataset");
  m.language = json_require<std::string>(j, "language", where);
  m.prompt = json_require<std::string>(j, "prompt", where);
  for (const auto& [what, report] : result_object(j, "long_text", where).items()) {
    if (!report.is_object())
      fail("{}.long_text: field '{}' must be an object, got {} {}", where, what, json_type_name(report), json_excerpt(report));
    m.long_text[what] = parse_long_text_report(report, where + ".long_text." + what);
  }
  const Json& cache = metadata_field(j, "embedding_cache", where);
  if (!cache.is_null()) {
    const std::string at = where + ".embedding_cache";
    if (!cache.is_object())
      fail("{}: field 'embedding_cache' must be an object or null, got {} {}", where, json_type_name(cache),
           json_excerpt(cache));
    m.embedding_cache = EmbeddingCacheUse{json_require<std::string>(cache, "path", at),
                                          json_require<size_t>(cache, "found", at),
                                          json_require<size_t>(cache, "encoded", at)};
  }
  m.parameters = parse_run_parameters(result_object(j, "parameters", where), where + ".parameters");
  m.timings_s = metadata_map<double>(j, "timings_s", where);
  return m;
}

RunMetadata parse_results_metadata(const Json& results, const std::string& file) {
  require_result_object(results, file);
  return parse_run_metadata(result_object(results, "metadata", file), file + ": metadata");
}

}  // namespace nsmlab
