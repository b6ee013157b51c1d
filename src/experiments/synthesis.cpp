#include "experiments/synthesis.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "util/error.h"

namespace nsmlab {

namespace {

// Numbers print as 0.61; a missing one (NaN became null) as "n/a".
std::string num(const Json& j) { return j.is_number() ? fmt::format("{:.2f}", j.get<double>()) : "n/a"; }

std::string count(const Json& fragment, const char* key) {
  auto it = fragment.find(key);
  return it != fragment.end() && it->is_number() ? it->dump() : "n/a";
}

// The p-value of `field`, or null when no permutation was drawn (a p-value of 1 from zero
// permutations would read as "no effect" when nothing was tested).
Json p_value_of(const Json& significance, const char* field) {
  if (!significance.is_object()) return nullptr;
  if (significance.value("permutations", 0) <= 0) return nullptr;
  auto it = significance.find(field);
  return it == significance.end() ? Json(nullptr) : *it;
}

int permutations_of(const Json& fragment) {
  const Json sig = fragment.value("significance", Json());
  return sig.is_object() ? sig.value("permutations", 0) : 0;
}

Json row(const char* experiment, const char* hypothesis, std::string metric, const Json& fragment, const char* p_field,
         bool lexical) {
  const bool met = fragment.value("validated", false);
  return {{"experiment", experiment},
          {"hypothesis", hypothesis},
          {"metric", std::move(metric)},
          {"p_value", p_value_of(fragment.value("significance", Json()), p_field)},
          {"permutations", permutations_of(fragment)},
          {"validated", met},
          {"verdict", verdict_key(verdict_of(met, lexical))}};
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

Verdict verdict_of(bool threshold_met, bool lexical_baseline) {
  if (lexical_baseline) return Verdict::not_applicable;
  return threshold_met ? Verdict::validated : Verdict::refuted;
}

Json make_synthesis(const Json& h1, const Json& h2, const Json& h3, bool lexical_baseline) {
  Json rows = Json::array();
  if (h1.is_object()) {
    rows.push_back(row("H1", "primes cluster by category",
                       "purity " + num(h1.value("purity", Json())) + ", silhouette " + num(h1.value("silhouette", Json())),
                       h1, "purity_p", lexical_baseline));
  }
  if (h2.is_object()) {
    std::string metric = count(h2, "valid") + "/" + count(h2, "analysed") + " valid (" + num(h2.value("rate", Json())) + ")";
    if (h2.value("ties", 0) > 0) metric += ", " + count(h2, "ties") + " ties";
    rows.push_back(row("H2", "squares are geometric", metric, h2, "p_value", lexical_baseline));
  }
  if (h3.is_object()) {
    const std::string targets =
        h3.contains("targets") ? count(h3, "targets") : std::to_string(h3.value("isotopies", Json::array()).size());
    rows.push_back(row("H3", "isotopies align with PCs",
                       count(h3, "converging") + "/" + targets + " at |r|>" + num(h3.value("threshold_r", Json())) +
                           " (" + num(h3.value("rate", Json())) + ")",
                       h3, "p_value", lexical_baseline));
  }
  return rows;
}

std::string synthesis_table(const Json& synthesis, bool color) {
  constexpr size_t kColumns = 5;
  std::vector<std::array<std::string, kColumns>> cells = {{"Test", "Hypothesis", "Metric", "p-value", "Verdict"}};
  std::vector<Verdict> verdicts = {Verdict::validated};
  for (size_t i = 0; i < synthesis.size(); ++i) {
    const Json& r = synthesis[i];
    const std::string where = fmt::format("results.json: synthesis[{}]", i);
    const Json p = r.value("p_value", Json());
    const Verdict v = parse_verdict(r.value("verdict", std::string()), where);
    cells.push_back({r.value("experiment", std::string()), r.value("hypothesis", std::string()),
                     r.value("metric", std::string()),
                     p.is_number() ? fmt::format("{:.3f}", p.get<double>())
                                   : (r.value("permutations", 0) > 0 ? "n/a" : "not computed"),
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
