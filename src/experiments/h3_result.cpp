#include "experiments/h3_result.h"

#include <fmt/format.h>

namespace nsmlab {
namespace {

Json h3_optional_integer_json(std::optional<int> v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

Json h3_result_json(const H3Result& h) {
  Json isotopies = Json::array();
  for (const H3Isotopy& i : h.isotopies)
    isotopies.push_back({{"target", i.target},
                         {"forms", i.forms},
                         {"synonyms", i.synonyms},
                         {"occurrences", i.occurrences},
                         {"skipped", i.skipped},
                         {"reason", i.reason},
                         {"r", result_numbers_json(i.r)},
                         {"best_component", h3_optional_integer_json(i.best_component)},
                         {"best_r", result_number_json(i.best_r)},
                         {"abs_best_r", result_number_json(i.abs_best_r)},
                         {"converges", i.converges},
                         {"p_value", result_number_json(i.p_value)},
                         {"exponents_only",
                          {{"occurrences", i.exponents_only.occurrences},
                           {"best_component", h3_optional_integer_json(i.exponents_only.best_component)},
                           {"best_r", result_number_json(i.exponents_only.best_r)},
                           {"converges", i.exponents_only.converges}}}});
  return {{"language", h.language},
          {"n_sentences", h.n_sentences},
          {"n_components", h.n_components},
          {"explained_variance_ratio", result_numbers_json(h.explained_variance_ratio)},
          {"threshold_r", h.threshold_r},
          {"threshold_rate", h.threshold_rate},
          {"min_occurrences", h.min_occurrences},
          {"targets", h.targets},
          {"analysed", h.analysed},
          {"converging", h.converging},
          {"rate_denominator", h.rate_denominator},
          {"rate", result_number_json(h.rate)},
          {"validated", h.validated},
          {"significance", permutation_summary_json(h.significance)},
          {"isotopies", isotopies},
          {"exponents_only",
           {{"converging", h.exponents_only.converging}, {"rate", result_number_json(h.exponents_only.rate)}}},
          {"warnings", h.warnings}};
}

H3Result parse_h3_result(const Json& j, const std::string& where) {
  require_result_object(j, where);
  H3Result h;
  h.language = json_require<std::string>(j, "language", where);
  h.n_sentences = json_require<int>(j, "n_sentences", where);
  h.n_components = json_require<int>(j, "n_components", where);
  h.explained_variance_ratio = result_nullable_numbers(j, "explained_variance_ratio", where);
  h.threshold_r = json_require<double>(j, "threshold_r", where);
  h.threshold_rate = json_require<double>(j, "threshold_rate", where);
  h.min_occurrences = json_require<int>(j, "min_occurrences", where);
  h.targets = json_require<int>(j, "targets", where);
  h.analysed = json_require<int>(j, "analysed", where);
  h.converging = json_require<int>(j, "converging", where);
  h.rate_denominator = json_require<std::string>(j, "rate_denominator", where);
  h.rate = result_nullable_number(j, "rate", where);
  h.validated = json_require<bool>(j, "validated", where);
  h.significance = permutation_summary(j, "significance", where);
  const Json& isotopies = result_array(j, "isotopies", where);
  for (size_t n = 0; n < isotopies.size(); ++n) {
    const std::string at = fmt::format("{}.isotopies[{}]", where, n);
    const Json& q = isotopies[n];
    require_result_object(q, at);
    H3Isotopy i;
    i.target = json_require<std::string>(q, "target", at);
    i.forms = result_strings(q, "forms", at);
    i.synonyms = result_strings(q, "synonyms", at);
    i.occurrences = json_require<int>(q, "occurrences", at);
    i.skipped = json_require<bool>(q, "skipped", at);
    i.reason = json_require<std::string>(q, "reason", at);
    i.r = result_nullable_numbers(q, "r", at);
    i.best_component = result_nullable_integer(q, "best_component", at);
    if (i.best_component && (*i.best_component < 1 || *i.best_component > static_cast<int>(i.r.size())))
      fail("{}: field 'best_component' is {}, expected a component from 1 to {} (1-based)", at, *i.best_component,
           i.r.size());
    i.best_r = result_nullable_number(q, "best_r", at);
    i.abs_best_r = result_nullable_number(q, "abs_best_r", at);
    i.converges = json_require<bool>(q, "converges", at);
    i.p_value = result_nullable_number(q, "p_value", at);
    const std::string alone_at = at + ".exponents_only";
    const Json& alone = result_object(q, "exponents_only", at);
    i.exponents_only.occurrences = json_require<int>(alone, "occurrences", alone_at);
    i.exponents_only.best_component = result_nullable_integer(alone, "best_component", alone_at);
    i.exponents_only.best_r = result_nullable_number(alone, "best_r", alone_at);
    i.exponents_only.converges = json_require<bool>(alone, "converges", alone_at);
    h.isotopies.push_back(std::move(i));
  }
  const Json& alone = result_object(j, "exponents_only", where);
  h.exponents_only.converging = json_require<int>(alone, "converging", where + ".exponents_only");
  h.exponents_only.rate = result_nullable_number(alone, "rate", where + ".exponents_only");
  h.warnings = result_strings(j, "warnings", where);
  return h;
}

}  // namespace nsmlab
