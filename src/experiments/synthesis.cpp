#include "experiments/synthesis.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "experiments/h1_result.h"
#include "experiments/h2_result.h"
#include "experiments/h3_result.h"
#include "util/error.h"

namespace nsmlab {

namespace {

// Numbers print as 0.61; a missing one (NaN became null) as "n/a".
std::string synthesis_number(std::optional<double> v) { return v ? fmt::format("{:.2f}", *v) : "n/a"; }

// A p-value is only one when permutations were drawn (a p-value of 1 from zero permutations
// would read as "no effect" when nothing was tested).
SynthesisRow synthesis_row_of(const char* experiment, const char* hypothesis, std::string metric, int permutations,
                              std::optional<double> p_value, bool validated, bool lexical) {
  SynthesisRow r;
  r.experiment = experiment;
  r.hypothesis = hypothesis;
  r.metric = std::move(metric);
  r.permutations = permutations;
  if (permutations > 0) r.p_value = p_value;
  r.validated = validated;
  r.verdict = verdict_of(validated, lexical);
  return r;
}

const Json& field(const Json& row, const char* key, const std::string& where) {
  auto it = row.find(key);
  if (it == row.end()) fail("{}: missing field '{}'", where, key);
  return *it;
}

std::string string_field(const Json& row, const char* key, const std::string& where) {
  const Json& v = field(row, key, where);
  if (!v.is_string()) fail("{}: field '{}' should be a string, got {}", where, key, v.type_name());
  return v.get<std::string>();
}

// Terminal width of a UTF-8 string (code points; the table holds no wide characters).
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

}  // namespace

const char* verdict_key(Verdict v) {
  switch (v) {
    case Verdict::validated: return "validated";
    case Verdict::refuted: return "refuted";
    case Verdict::not_applicable: return "not_applicable";
  }
  return "refuted";
}

Verdict parse_verdict(const std::string& key, const std::string& where) {
  for (Verdict v : {Verdict::validated, Verdict::refuted, Verdict::not_applicable})
    if (key == verdict_key(v)) return v;
  fail("{}: field 'verdict' is '{}', expected validated, refuted or not_applicable", where, key);
}

Json synthesis_row_json(const SynthesisRow& r) {
  return {{"experiment", r.experiment},
          {"hypothesis", r.hypothesis},
          {"metric", r.metric},
          {"p_value", r.p_value ? Json(*r.p_value) : Json(nullptr)},
          {"permutations", r.permutations},
          {"validated", r.validated},
          {"verdict", verdict_key(r.verdict)}};
}

SynthesisRow parse_synthesis_row(const Json& row, const std::string& where) {
  if (!row.is_object()) fail("{}: expected an object, got {}", where, row.type_name());
  SynthesisRow r;
  r.experiment = string_field(row, "experiment", where);
  r.hypothesis = string_field(row, "hypothesis", where);
  r.metric = string_field(row, "metric", where);
  const Json& p = field(row, "p_value", where);
  if (!p.is_null() && !p.is_number()) fail("{}: field 'p_value' should be a number or null, got {}", where, p.type_name());
  if (p.is_number()) r.p_value = p.get<double>();
  const Json& n = field(row, "permutations", where);
  if (!n.is_number_integer() || n.get<long long>() < 0 || n.get<long long>() > 1'000'000'000)
    fail("{}: field 'permutations' should be a whole number from 0, got {}", where, n.dump());
  r.permutations = n.get<int>();
  const Json& v = field(row, "validated", where);
  if (!v.is_boolean()) fail("{}: field 'validated' should be true or false, got {}", where, v.type_name());
  r.validated = v.get<bool>();
  r.verdict = parse_verdict(string_field(row, "verdict", where), where);
  return r;
}

std::vector<SynthesisRow> parse_synthesis(const Json& rows, const std::string& where) {
  if (!rows.is_array()) fail("{}: expected an array, got {}", where, rows.type_name());
  std::vector<SynthesisRow> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(parse_synthesis_row(rows[i], fmt::format("{}[{}]", where, i)));
  return out;
}

Verdict verdict_of(bool threshold_met, bool lexical_baseline) {
  if (lexical_baseline) return Verdict::not_applicable;
  return threshold_met ? Verdict::validated : Verdict::refuted;
}

Json make_synthesis(const Json& h1_json, const Json& h2_json, const Json& h3_json, bool lexical_baseline) {
  Json rows = Json::array();
  if (!h1_json.is_null()) {
    const H1Result h1 = parse_h1_result(h1_json);
    rows.push_back(synthesis_row_json(synthesis_row_of(
        "H1", "primes cluster by category",
        "purity " + synthesis_number(h1.purity) + ", silhouette " + synthesis_number(h1.silhouette),
        h1.significance.permutations, h1.significance.purity_p, h1.validated, lexical_baseline)));
  }
  if (!h2_json.is_null()) {
    const H2Result h2 = parse_h2_result(h2_json);
    std::string metric = fmt::format("{}/{} valid ({})", h2.valid, h2.analysed, synthesis_number(h2.rate));
    if (h2.ties > 0) metric += fmt::format(", {} ties", h2.ties);
    rows.push_back(synthesis_row_json(synthesis_row_of("H2", "squares are geometric", std::move(metric),
                                                       h2.significance.permutations, h2.significance.p_value,
                                                       h2.validated, lexical_baseline)));
  }
  if (!h3_json.is_null()) {
    const H3Result h3 = parse_h3_result(h3_json);
    rows.push_back(synthesis_row_json(synthesis_row_of(
        "H3", "isotopies align with PCs",
        fmt::format("{}/{} at |r|>{} ({})", h3.converging, h3.targets, synthesis_number(h3.threshold_r),
                    synthesis_number(h3.rate)),
        h3.significance.permutations, h3.significance.p_value, h3.validated, lexical_baseline)));
  }
  return rows;
}

std::string synthesis_table(const Json& synthesis, bool color) {
  constexpr size_t kColumns = 5;
  std::vector<std::array<std::string, kColumns>> cells = {{"Test", "Hypothesis", "Metric", "p-value", "Verdict"}};
  std::vector<Verdict> verdicts = {Verdict::validated};
  for (const SynthesisRow& r : parse_synthesis(synthesis)) {
    const Verdict v = r.verdict;
    cells.push_back({r.experiment, r.hypothesis, r.metric,
                     r.p_value ? fmt::format("{:.3f}", *r.p_value) : (r.permutations > 0 ? "n/a" : "not computed"),
                     v == Verdict::validated ? "VALIDATED"
                         : v == Verdict::refuted ? "REFUTED"
                                                 : "n/a (lexical baseline)"});
    verdicts.push_back(v);
  }
  std::array<size_t, kColumns> w{};
  for (const auto& r : cells) {
    for (size_t c = 0; c < kColumns; ++c) w[c] = std::max(w[c], width(r[c]));
  }
  std::string rule;
  for (size_t c = 0; c < kColumns; ++c) rule += std::string(w[c] + (c + 1 < kColumns ? 2 : 0), '-');
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string line;
    for (size_t c = 0; c + 1 < kColumns; ++c) line += pad(cells[i][c], w[c]) + "  ";
    const std::string& verdict = cells[i][kColumns - 1];
    const char* ansi = verdicts[i] == Verdict::validated ? "\033[32m"
                       : verdicts[i] == Verdict::refuted ? "\033[31m"
                                                         : "\033[90m";
    line += color && i > 0 ? ansi + verdict + "\033[0m" : verdict;
    out += line + "\n";
    if (i == 0) out += rule + "\n";
  }
  return out;
}

}  // namespace nsmlab
