#include "compare/comparison.h"

#include <cmath>
#include <filesystem>
#include <initializer_list>

#include "compare/representation_similarity.h"
#include "experiments/h1_result.h"
#include "experiments/h2_result.h"
#include "experiments/h3_result.h"
#include "experiments/metadata_result.h"
#include "report/results_access.h"
#include "runner/run_metadata.h"
#include "util/error.h"
#include "util/npy.h"

namespace nsmlab {
namespace {

// The value at `path` inside `doc`, or null when a step is missing: a run may lack H3.
Json pick(const Json& doc, std::initializer_list<const char*> path) {
  const Json* at = &doc;
  for (const char* key : path) {
    if (!at->is_object() || !at->contains(key)) return nullptr;
    at = &(*at)[key];
  }
  return *at;
}

// Sum of the named stages of metadata.timings_s (those that ran), null when none did.
Json stage_sum(const RunMetadata& meta, std::initializer_list<const char*> stages) {
  double s = 0;
  bool any = false;
  for (const char* st : stages)
    if (auto v = meta.timing(st)) s += *v, any = true;
  return any ? Json(s) : Json(nullptr);
}

Json verdict_of(const Json& results, const char* experiment, const std::string& where) {
  for (const Json& row : optional_array(results, "synthesis", where))
    if (row.is_object() && row.value("experiment", "") == experiment) return pick(row, {"verdict"});
  return nullptr;
}

Json model_entry(const ModelRunRecord& run, const Json& r, const RunMetadata& meta, const std::string& where) {
  Json e = {{"spec", run.plan.spec},
            {"name", meta.model.name},
            {"id", run.plan.model.id},
            {"revision", run.plan.model.revision},
            {"path", run.plan.model.path},
            {"folder", run.plan.folder},
            {"architecture", meta.model.architecture},
            {"dimension", meta.model.dimension},
            {"parameters", meta.model.parameters},
            {"backend", meta.backend},
            {"precision", meta.precision},
            {"threads", meta.threads}};
  e["timings_s"] = {{"load", stage_sum(meta, {"load_model", "hash_model"})},
                    {"embed", stage_sum(meta, {"encode_primes", "encode_corpus"})},
                    {"experiments", stage_sum(meta, {"h1", "h2", "h3"})},
                    {"report", stage_sum(meta, {"plots_and_report"})},
                    {"total", stage_sum(meta, {"total"})},
                    {"process", run.wall_s}};
  e["memory"] = {{"peak_rss_bytes", run.peak_rss_bytes}, {"estimated_bytes", run.plan.estimated_bytes}};
  // Read through the typed contract (experiments/h*_result.h): a missing or renamed key is an
  // error naming it, never a silent "—"; a run may lack H3.
  Json typed = {{"h1", h1_result_json(parse_h1_result(r.contains("h1") ? r["h1"] : Json(), where + ": h1"))},
                {"h2", h2_result_json(parse_h2_result(r.contains("h2") ? r["h2"] : Json(), where + ": h2"))}};
  if (r.contains("h3") && !r["h3"].is_null()) typed["h3"] = h3_result_json(parse_h3_result(r["h3"], where + ": h3"));
  e["h1"] = {{"purity", pick(typed, {"h1", "purity"})},
             {"purity_ci", pick(typed, {"h1", "ci", "purity"})},
             {"purity_p", pick(typed, {"h1", "significance", "purity_p"})},
             {"silhouette", pick(typed, {"h1", "silhouette"})},
             {"silhouette_ci", pick(typed, {"h1", "ci", "silhouette"})},
             {"silhouette_p", pick(typed, {"h1", "significance", "silhouette_p"})},
             {"ari", pick(typed, {"h1", "ari"})},
             {"ari_p", pick(typed, {"h1", "significance", "ari_p"})},
             {"nmi", pick(typed, {"h1", "nmi"})},
             {"nmi_p", pick(typed, {"h1", "significance", "nmi_p"})},
             {"permutations", pick(typed, {"h1", "significance", "permutations"})},
             {"validated", pick(typed, {"h1", "validated"})},
             {"verdict", verdict_of(r, "H1", where)}};
  e["h2"] = {{"rate", pick(typed, {"h2", "rate"})},
             {"rate_ci", pick(typed, {"h2", "ci", "rate"})},
             {"p_value", pick(typed, {"h2", "significance", "p_value"})},
             {"valid", pick(typed, {"h2", "valid"})},
             {"analysed", pick(typed, {"h2", "analysed"})},
             {"permutations", pick(typed, {"h2", "significance", "permutations"})},
             {"validated", pick(typed, {"h2", "validated"})},
             {"verdict", verdict_of(r, "H2", where)}};
  e["h3"] = typed.contains("h3") ? Json{{"rate", pick(typed, {"h3", "rate"})},
                                    {"p_value", pick(typed, {"h3", "significance", "p_value"})},
                                    {"converging", pick(typed, {"h3", "converging"})},
                                    {"targets", pick(typed, {"h3", "targets"})},
                                    {"permutations", pick(typed, {"h3", "significance", "permutations"})},
                                    {"validated", pick(typed, {"h3", "validated"})},
                                    {"verdict", verdict_of(r, "H3", where)}}
                             : Json(nullptr);
  if (r.contains("notice")) e["notice"] = r["notice"];
  return e;
}

std::vector<std::string> prime_ids(const Json& r, const std::string& where) {
  std::vector<std::string> ids;
  const Json& primes = optional_array(optional_object(r, "rows", where), "primes", where + ": rows");
  for (size_t i = 0; i < primes.size(); ++i)
    ids.push_back(require_string(primes[i], "id", fmt::format("{}: rows.primes[{}]", where, i)));
  return ids;
}

Json finite_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

}  // namespace

Json build_comparison(const ModelRunsOutcome& runs, const std::string& parent_dir, ComparisonMetadata& metadata) {
  Json models = Json::array();
  std::vector<Matrix> embeddings;
  std::vector<std::string> ids0;
  std::optional<RunMetadata> first_meta;
  for (const ModelRunRecord& run : runs.runs) {
    const std::string dir = parent_dir + "/" + run.plan.folder;
    const std::string where = run.plan.folder + "/results.json";
    const Json r = load_json(dir + "/results.json");
    require_object(r, where);
    // Through the results contract's strict reader: a missing or renamed key is an error naming it.
    const RunMetadata meta = parse_results_metadata(r, where);
    models.push_back(model_entry(run, r, meta, where));
    // The model's own report, or its results.json when the run wrote no report (--no-plots).
    models.back()["report"] = run.plan.folder + (std::filesystem::exists(dir + "/report.html") ? "/report.html" : "/results.json");
    const std::vector<std::string> ids = prime_ids(r, where);
    Matrix m = read_npy_matrix(dir + "/primes.npy");
    if (m.rows != ids.size())
      fail("{}/primes.npy: {} rows, but results.json lists {} primes", run.plan.folder, m.rows, ids.size());
    if (embeddings.empty()) {
      ids0 = ids;
      first_meta = meta;
    } else if (ids != ids0) {
      fail("{}: its primes differ from those of {} (rows.primes); the models must embed the same primes",
           where, runs.runs.front().plan.folder + "/results.json");
    }
    embeddings.push_back(std::move(m));
  }
  const size_t n = embeddings.size();
  Json cka = Json::array(), rsa = Json::array();
  for (size_t i = 0; i < n; ++i) {
    Json ck = Json::array(), rs = Json::array();
    for (size_t j = 0; j < n; ++j) {
      // Symmetric: compute the upper triangle, copy the lower one.
      ck.push_back(j < i ? cka[j][i] : finite_or_null(linear_cka(embeddings[i], embeddings[j])));
      rs.push_back(j < i ? rsa[j][i] : finite_or_null(rsa_spearman(embeddings[i], embeddings[j])));
    }
    cka.push_back(ck);
    rsa.push_back(rs);
  }
  Json labels = Json::array();
  for (const Json& m : models) labels.push_back(m["name"]);
  if (!first_meta) fail("comparison: no model ran");
  metadata.nsmlab_version = kNsmlabVersion;
  metadata.created = iso8601_now_utc();
  metadata.dataset = first_meta->dataset;
  metadata.language = first_meta->language;
  metadata.parameters = first_meta->parameters;
  return {{"schema", "nsmlab.comparison/1"},
          {"metadata", comparison_metadata_json(metadata)},
          {"models", models},
          {"agreement",
           {{"items", "primes"},
            {"n", ids0.size()},
            {"ids", ids0},
            {"models", labels},
            {"embeddings", "primes.npy of each model's folder (rows in rows.primes order)"},
            {"cka", cka},
            {"cka_method", "linear CKA of the column-centred embedding matrices: ||Yᵀ X||²_F / (||Xᵀ X||_F ||Yᵀ Y||_F)"},
            {"rsa_spearman", rsa},
            {"rsa_method", "Spearman rank correlation (average ranks for ties) of the two models' pairwise cosine "
                           "distances over the n(n-1)/2 pairs of primes"}}}};
}

}  // namespace nsmlab
