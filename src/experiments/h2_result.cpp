#include "experiments/h2_result.h"

#include <fmt/format.h>

namespace nsmlab {

Json h2_result_json(const H2Result& h) {
  Json squares = Json::array();
  for (const H2Square& s : h.squares)
    squares.push_back({{"name", s.name},
                       {"s1", s.s1},
                       {"s2", s.s2},
                       {"non_s1", s.non_s1},
                       {"non_s2", s.non_s2},
                       {"rationale", s.rationale},
                       {"strength", s.strength},
                       {"note", s.note},
                       {"contraries", result_number_json(s.contraries)},
                       {"contradictory_s1", result_number_json(s.contradictory_s1)},
                       {"contradictory_s2", result_number_json(s.contradictory_s2)},
                       {"complementary", result_number_json(s.complementary)},
                       {"mean_contradictories", result_number_json(s.mean_contradictories)},
                       {"margin", result_number_json(s.margin)},
                       {"decision", s.decision},
                       {"valid", s.valid}});
  Json skipped = Json::array();
  for (const H2Skipped& s : h.skipped) skipped.push_back({{"name", s.name}, {"reason", s.reason}});
  return {{"analysed", h.analysed},
          {"valid", h.valid},
          {"ties", h.ties},
          {"tie_tolerance", h.tie_tolerance},
          {"threshold", h.threshold},
          {"rate", result_number_json(h.rate)},
          {"validated", h.validated},
          {"significance", permutation_summary_json(h.significance)},
          {"ci", {{"level", h.ci.level}, {"resamples", h.ci.resamples}, {"rate", result_interval_json(h.ci.rate)}}},
          {"squares", squares},
          {"skipped", skipped},
          {"sound", {{"analysed", h.sound.analysed}, {"valid", h.sound.valid}, {"rate", result_number_json(h.sound.rate)}}},
          {"warnings", h.warnings}};
}

H2Result parse_h2_result(const Json& j, const std::string& where) {
  require_result_object(j, where);
  H2Result h;
  h.analysed = json_require<int>(j, "analysed", where);
  h.valid = json_require<int>(j, "valid", where);
  h.ties = json_require<int>(j, "ties", where);
  h.tie_tolerance = json_require<double>(j, "tie_tolerance", where);
  h.threshold = json_require<double>(j, "threshold", where);
  h.rate = result_nullable_number(j, "rate", where);
  h.validated = json_require<bool>(j, "validated", where);
  h.significance = permutation_summary(j, "significance", where);
  const std::string ci_at = where + ".ci";
  const Json& ci = result_object(j, "ci", where);
  h.ci.level = json_require<double>(ci, "level", ci_at);
  h.ci.resamples = json_require<int>(ci, "resamples", ci_at);
  h.ci.rate = result_interval(ci, "rate", ci_at);

  const Json& squares = result_array(j, "squares", where);
  for (size_t i = 0; i < squares.size(); ++i) {
    const std::string at = fmt::format("{}.squares[{}]", where, i);
    const Json& q = squares[i];
    require_result_object(q, at);
    H2Square s;
    s.name = json_require<std::string>(q, "name", at);
    s.s1 = json_require<std::string>(q, "s1", at);
    s.s2 = json_require<std::string>(q, "s2", at);
    s.non_s1 = json_require<std::string>(q, "non_s1", at);
    s.non_s2 = json_require<std::string>(q, "non_s2", at);
    s.rationale = json_require<std::string>(q, "rationale", at);
    s.strength = json_require<std::string>(q, "strength", at);
    s.note = json_require<std::string>(q, "note", at);
    s.contraries = result_nullable_number(q, "contraries", at);
    s.contradictory_s1 = result_nullable_number(q, "contradictory_s1", at);
    s.contradictory_s2 = result_nullable_number(q, "contradictory_s2", at);
    s.complementary = result_nullable_number(q, "complementary", at);
    s.mean_contradictories = result_nullable_number(q, "mean_contradictories", at);
    s.margin = result_nullable_number(q, "margin", at);
    s.decision = json_require<std::string>(q, "decision", at);
    if (s.decision != "valid" && s.decision != "invalid" && s.decision != "tie")
      fail("{}: field 'decision' is '{}', expected valid, invalid or tie", at, s.decision);
    s.valid = json_require<bool>(q, "valid", at);
    h.squares.push_back(std::move(s));
  }
  const Json& skipped = result_array(j, "skipped", where);
  for (size_t i = 0; i < skipped.size(); ++i) {
    const std::string at = fmt::format("{}.skipped[{}]", where, i);
    h.skipped.push_back({json_require<std::string>(skipped[i], "name", at), json_require<std::string>(skipped[i], "reason", at)});
  }
  const std::string sound_at = where + ".sound";
  const Json& sound = result_object(j, "sound", where);
  h.sound.analysed = json_require<int>(sound, "analysed", sound_at);
  h.sound.valid = json_require<int>(sound, "valid", sound_at);
  h.sound.rate = result_nullable_number(sound, "rate", sound_at);
  h.warnings = result_strings(j, "warnings", where);
  return h;
}

}  // namespace nsmlab
