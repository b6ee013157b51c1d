#include "report/row_labels.h"

#include "util/error.h"

namespace nsmlab {
namespace {

std::string tsv_field(const Json& v) {
  const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  return out;
}

}  // namespace

Json prime_rows(const std::vector<const Prime*>& primes, const std::vector<std::string>& texts) {
  if (primes.size() != texts.size()) fail("row labels: {} primes for {} texts", primes.size(), texts.size());
  Json rows = Json::array();
  for (size_t i = 0; i < primes.size(); ++i)
    rows.push_back({{"row", i}, {"id", primes[i]->id}, {"text", texts[i]}, {"category", primes[i]->category}});
  return rows;
}

Json corpus_rows(const std::vector<CorpusSentence>& sentences, const std::string& language) {
  Json rows = Json::array();
  for (size_t i = 0; i < sentences.size(); ++i)
    rows.push_back({{"row", i},
                    {"id", language + "-" + std::to_string(i)},
                    {"text", sentences[i].text},
                    {"isotopy", sentences[i].isotopy_group}});
  return rows;
}

std::string rows_tsv(const Json& rows) {
  if (!rows.is_array() || rows.empty()) return "";
  std::vector<std::string> keys;
  std::string out;
  for (const auto& [key, value] : rows[0].items()) keys.push_back(key);
  // nlohmann sorts keys; "row" and "id" lead, as in every table of the project.
  std::vector<std::string> order = {"row", "id"};
  for (const std::string& k : keys)
    if (k != "row" && k != "id") order.push_back(k);
  for (size_t c = 0; c < order.size(); ++c) out += (c ? "\t" : "") + order[c];
  out += "\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < order.size(); ++c) {
      auto it = rows[r].find(order[c]);
      if (it == rows[r].end()) fail("row labels: row {} has no '{}'", r, order[c]);
      out += (c ? "\t" : "") + tsv_field(*it);
    }
    out += "\n";
  }
  return out;
}

}  // namespace nsmlab
