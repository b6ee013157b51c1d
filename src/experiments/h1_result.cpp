#include "experiments/h1_result.h"

#include <fmt/format.h>

namespace nsmlab {

Json h1_result_json(const H1Result& h) {
  Json ci = {{"computed", h.ci.computed},
             {"level", h.ci.level},
             {"method", h.ci.method},
             {"purity", nullptr},
             {"silhouette", nullptr}};
  if (h.ci.computed) {
    ci["resamples"] = h.ci.resamples;
    ci["purity_se"] = result_number_json(h.ci.purity_se);
    ci["silhouette_se"] = result_number_json(h.ci.silhouette_se);
    ci["purity"] = result_interval_json(h.ci.purity);
    ci["silhouette"] = result_interval_json(h.ci.silhouette);
  }
  Json points = Json::array();
  for (const H1Point& p : h.points)
    points.push_back({{"id", p.id}, {"label", p.label}, {"category", p.category}, {"cluster", p.cluster},
                      {"x", p.x}, {"y", p.y}});
  Json clusters = Json::array();
  for (const H1Cluster& c : h.clusters)
    clusters.push_back({{"cluster", c.cluster},
                        {"size", c.size},
                        {"majority_category", c.majority_category ? Json(*c.majority_category) : Json(nullptr)},
                        {"matched_category", c.matched_category ? Json(*c.matched_category) : Json(nullptr)},
                        {"members", c.members}});
  const H1Significance& s = h.significance;
  return {{"n", h.n},
          {"k", h.k},
          {"purity", result_number_json(h.purity)},
          {"silhouette", result_number_json(h.silhouette)},
          {"category_silhouette", result_number_json(h.category_silhouette)},
          {"ari", result_number_json(h.ari)},
          {"nmi", result_number_json(h.nmi)},
          {"inertia", result_number_json(h.inertia)},
          {"kmeans", h.kmeans},
          {"validated", h.validated},
          {"thresholds", {{"purity", h.purity_threshold}, {"silhouette", h.silhouette_threshold}}},
          {"significance",
           {{"permutations", s.permutations},
            {"null", s.null_hypothesis},
            {"purity_p", result_number_json(s.purity_p)},
            {"ari_p", result_number_json(s.ari_p)},
            {"nmi_p", result_number_json(s.nmi_p)},
            {"category_silhouette_p", result_number_json(s.category_silhouette_p)},
            {"silhouette_p", result_number_json(s.silhouette_p)}}},
          {"ci", ci},
          {"categories", h.categories},
          {"category_colors", h.category_colors},
          {"points", points},
          {"tsne",
           {{"perplexity_used", h.tsne.perplexity_used},
            {"trustworthiness", result_number_json(h.tsne.trustworthiness)},
            {"n_neighbors", h.tsne.n_neighbors}}},
          {"clusters", clusters},
          {"warnings", h.warnings}};
}

H1Result parse_h1_result(const Json& j, const std::string& where) {
  require_result_object(j, where);
  H1Result h;
  h.n = json_require<int>(j, "n", where);
  h.k = json_require<int>(j, "k", where);
  h.purity = result_nullable_number(j, "purity", where);
  h.silhouette = result_nullable_number(j, "silhouette", where);
  h.category_silhouette = result_nullable_number(j, "category_silhouette", where);
  h.ari = result_nullable_number(j, "ari", where);
  h.nmi = result_nullable_number(j, "nmi", where);
  h.inertia = result_nullable_number(j, "inertia", where);
  h.kmeans = json_require<std::string>(j, "kmeans", where);
  h.validated = json_require<bool>(j, "validated", where);
  const Json& thresholds = result_object(j, "thresholds", where);
  h.purity_threshold = json_require<double>(thresholds, "purity", where + ".thresholds");
  h.silhouette_threshold = json_require<double>(thresholds, "silhouette", where + ".thresholds");

  const std::string sig_at = where + ".significance";
  const Json& sig = result_object(j, "significance", where);
  h.significance.permutations = json_require<int>(sig, "permutations", sig_at);
  if (h.significance.permutations < 0)
    fail("{}: field 'permutations' must be a whole number from 0, got {}", sig_at, h.significance.permutations);
  h.significance.null_hypothesis = json_require<std::string>(sig, "null", sig_at);
  h.significance.purity_p = result_nullable_number(sig, "purity_p", sig_at);
  h.significance.ari_p = result_nullable_number(sig, "ari_p", sig_at);
  h.significance.nmi_p = result_nullable_number(sig, "nmi_p", sig_at);
  h.significance.category_silhouette_p = result_nullable_number(sig, "category_silhouette_p", sig_at);
  h.significance.silhouette_p = result_nullable_number(sig, "silhouette_p", sig_at);

  const std::string ci_at = where + ".ci";
  const Json& ci = result_object(j, "ci", where);
  h.ci.computed = json_require<bool>(ci, "computed", ci_at);
  h.ci.level = json_require<double>(ci, "level", ci_at);
  h.ci.method = json_require<std::string>(ci, "method", ci_at);
  h.ci.purity = result_interval(ci, "purity", ci_at);
  h.ci.silhouette = result_interval(ci, "silhouette", ci_at);
  if (h.ci.computed) {
    h.ci.resamples = json_require<int>(ci, "resamples", ci_at);
    h.ci.purity_se = result_nullable_number(ci, "purity_se", ci_at);
    h.ci.silhouette_se = result_nullable_number(ci, "silhouette_se", ci_at);
  }

  h.categories = result_strings(j, "categories", where);
  const Json& colors = result_object(j, "category_colors", where);
  for (const auto& [category, color] : colors.items())
    h.category_colors[category] = json_require<std::string>(colors, category, where + ".category_colors");

  const Json& points = result_array(j, "points", where);
  for (size_t i = 0; i < points.size(); ++i) {
    const std::string at = fmt::format("{}.points[{}]", where, i);
    require_result_object(points[i], at);
    H1Point p;
    p.id = json_require<std::string>(points[i], "id", at);
    p.label = json_require<std::string>(points[i], "label", at);
    p.category = json_require<std::string>(points[i], "category", at);
    p.cluster = json_require<int>(points[i], "cluster", at);
    p.x = json_require<double>(points[i], "x", at);
    p.y = json_require<double>(points[i], "y", at);
    h.points.push_back(std::move(p));
  }

  const std::string tsne_at = where + ".tsne";
  const Json& tsne = result_object(j, "tsne", where);
  h.tsne.perplexity_used = json_require<double>(tsne, "perplexity_used", tsne_at);
  h.tsne.trustworthiness = result_nullable_number(tsne, "trustworthiness", tsne_at);
  h.tsne.n_neighbors = json_require<int>(tsne, "n_neighbors", tsne_at);

  const Json& clusters = result_array(j, "clusters", where);
  for (size_t i = 0; i < clusters.size(); ++i) {
    const std::string at = fmt::format("{}.clusters[{}]", where, i);
    require_result_object(clusters[i], at);
    H1Cluster c;
    c.cluster = json_require<int>(clusters[i], "cluster", at);
    c.size = json_require<int>(clusters[i], "size", at);
    c.majority_category = result_nullable_string(clusters[i], "majority_category", at);
    c.matched_category = result_nullable_string(clusters[i], "matched_category", at);
    c.members = result_strings(clusters[i], "members", at);
    h.clusters.push_back(std::move(c));
  }
  h.warnings = result_strings(j, "warnings", where);
  return h;
}

}  // namespace nsmlab
