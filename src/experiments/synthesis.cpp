#include "experiments/synthesis.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace nsmlab {

namespace {

// Numbers print as 0.61; a missing one (NaN became null) as "n/a".
std::string num(const Json& j) { return j.is_number() ? fmt::format("{:.2f}", j.get<double>()) : "n/a"; }

Json p_value_of(const Json& significance, const char* field) {
  if (!significance.is_object()) return nullptr;
  auto it = significance.find(field);
  return it == significance.end() ? Json(nullptr) : *it;
}

// Terminal width of a UTF-8 string (code points; the table holds no wide characters).
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

}  // namespace

Json make_synthesis(const Json& h1, const Json& h2, const Json& h3) {
  Json rows = Json::array();
  if (h1.is_object()) {
    rows.push_back({{"experiment", "H1"},
                    {"hypothesis", "primes cluster by category"},
                    {"metric", "purity " + num(h1.value("purity", Json())) + ", silhouette " +
                                   num(h1.value("silhouette", Json()))},
                    {"validated", h1.value("validated", false)},
                    {"p_value", p_value_of(h1.value("significance", Json()), "purity_p")}});
  }
  if (h2.is_object()) {
    rows.push_back({{"experiment", "H2"},
                    {"hypothesis", "Greimas squares are geometric (contraries closer than contradictories)"},
                    {"metric", "valid rate " + num(h2.value("rate", Json())) + " (" +
                                   std::to_string(h2.value("valid", 0)) + "/" + std::to_string(h2.value("analysed", 0)) +
                                   " squares)"},
                    {"validated", h2.value("validated", false)},
                    {"p_value", p_value_of(h2.value("significance", Json()), "p_value")}});
  }
  if (h3.is_object()) {
    rows.push_back({{"experiment", "H3"},
                    {"hypothesis", "isotopies align with principal components"},
                    {"metric", "converging rate " + num(h3.value("rate", Json())) + " (" +
                                   std::to_string(h3.value("converging", 0)) + "/" +
                                   std::to_string(h3.value("targets", h3.value("isotopies", Json::array()).size())) +
                                   " isotopies, |r| > " + num(h3.value("threshold_r", Json())) + ")"},
                    {"validated", h3.value("validated", false)},
                    {"p_value", p_value_of(h3.value("significance", Json()), "p_value")}});
  }
  return rows;
}

std::string synthesis_table(const Json& synthesis) {
  std::vector<std::array<std::string, 5>> cells = {{"Experiment", "Hypothesis", "Metric", "p-value", "Result"}};
  for (const Json& row : synthesis) {
    const Json p = row.value("p_value", Json());
    cells.push_back({row.value("experiment", std::string()), row.value("hypothesis", std::string()),
                     row.value("metric", std::string()), p.is_number() ? fmt::format("{:.3f}", p.get<double>()) : "n/a",
                     row.value("validated", false) ? "VALIDATED" : "REFUTED"});
  }
  std::array<size_t, 5> w{};
  for (const auto& r : cells) {
    for (size_t c = 0; c < 5; ++c) w[c] = std::max(w[c], width(r[c]));
  }
  std::string rule;
  for (size_t c = 0; c < 5; ++c) rule += std::string(w[c] + (c + 1 < 5 ? 3 : 0), '-');
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string line;
    for (size_t c = 0; c < 5; ++c) line += c + 1 < 5 ? pad(cells[i][c], w[c]) + " | " : cells[i][c];
    out += line + "\n";
    if (i == 0) out += rule + "\n";
  }
  return out;
}

}  // namespace nsmlab
