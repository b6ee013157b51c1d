// The typed results contract of h1, h2 and h3 (experiments/h*_result.h): what the run writes
// its strict reader reads back unchanged, every key it writes is required (missing or
// mistyped: an error naming the place and the key), and docs/RESULTS.md documents each one.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include "experiment_fixture.h"
#include "experiments/h1_clustering.h"
#include "experiments/h1_result.h"
#include "experiments/h2_result.h"
#include "experiments/h2_squares.h"
#include "experiments/h3_isotopies.h"
#include "experiments/h3_result.h"
#include "util/error.h"
#include "support/error_message.h"

namespace nsmlab {
namespace {

using testing::fixture_matrix;
using testing::panini;
using testing::prime_pointers;

SignificanceOptions contract_draws() {
  SignificanceOptions s;
  s.permutations = 20;
  s.bootstrap = 20;
  return s;
}

// The three fragments of a real run on the reference data (computed once: t-SNE is the slow part).
const Json& real_h1() {
  static const Json j = [] {
    H1Options o;
    o.tsne_iter = 250;
    return run_h1(fixture_matrix("prime_embeddings.npy"), prime_pointers(panini()), panini(), o, contract_draws());
  }();
  return j;
}
const Json& real_h2() {
  static const Json j =
      run_h2(fixture_matrix("prime_embeddings.npy"), prime_pointers(panini()), panini(), H2Options{}, contract_draws());
  return j;
}
const Json& real_h3() {
  static const Json j =
      run_h3(fixture_matrix("corpus_embeddings.npy"), panini().corpora.at("fr"), panini(), "fr", H3Options{}, contract_draws());
  return j;
}

struct ContractFragment {
  const char* name;
  std::function<const Json&()> json;
  std::function<void(const Json&)> read;  // the strict reader, result dropped
  std::function<Json(const Json&)> round_trip;
};

std::vector<ContractFragment> contract_fragments() {
  return {{"h1", real_h1, [](const Json& j) { parse_h1_result(j); }, [](const Json& j) { return h1_result_json(parse_h1_result(j)); }},
          {"h2", real_h2, [](const Json& j) { parse_h2_result(j); }, [](const Json& j) { return h2_result_json(parse_h2_result(j)); }},
          {"h3", real_h3, [](const Json& j) { parse_h3_result(j); }, [](const Json& j) { return h3_result_json(parse_h3_result(j)); }}};
}

// Every key the writer emits, as JSON pointers (arrays: their first element). The keys of
// category_colors are category names, not fields of the contract.
void collect_contract_keys(const Json& j, const Json::json_pointer& at, std::vector<Json::json_pointer>& out) {
  if (j.is_array() && !j.empty() && j[0].is_object()) collect_contract_keys(j[0], at / 0, out);
  if (!j.is_object()) return;
  for (const auto& [key, value] : j.items()) {
    out.push_back(at / key);
    if (key != "category_colors") collect_contract_keys(value, at / key, out);
  }
}

using test_support::error_of;

TEST(ResultsContract, RealRunsRoundTripByteForByte) {
  for (const ContractFragment& f : contract_fragments()) {
    const Json& written = f.json();
    EXPECT_EQ(f.round_trip(written).dump(), written.dump()) << f.name;
  }
  EXPECT_EQ(parse_h1_result(real_h1()), parse_h1_result(h1_result_json(parse_h1_result(real_h1()))));
}

TEST(ResultsContract, HandMadeResultsRoundTrip) {
  H2Result h2;
  h2.analysed = 2;
  h2.valid = 1;
  h2.rate = 0.5;
  h2.ci.rate = {0.1, std::nullopt};  // an end the bootstrap could not give
  h2.squares.push_back({"A_B", "A", "B", "NOT_A", "NOT_B", "why", "weak", "stand-in corner", 0.3, 0.5, 0.6, 0.4, 0.55,
                        0.2, "valid", true});
  h2.squares.push_back({"C_D", "C", "D", "E", "F", "", "", "", std::nullopt, 0.5, 0.6, 0.4, 0.55, std::nullopt, "tie", false});
  EXPECT_EQ(parse_h2_result(h2_result_json(h2)), h2);
  H3Result h3;
  H3Isotopy i;
  i.target = "THINK";
  i.r = {0.1, std::nullopt, -0.7};
  i.best_component = 3;
  i.best_r = -0.7;
  h3.isotopies.push_back(i);
  EXPECT_EQ(parse_h3_result(h3_result_json(h3)), h3);
  H1Result h1;
  h1.ci.computed = true;
  h1.ci.purity = {0.4, 0.6};
  h1.points.push_back({"I", "I", "SUBSTANTIVES", 2, 1.5, -3.25});
  h1.clusters.push_back({0, 1, "SUBSTANTIVES", std::nullopt, {"I"}});
  EXPECT_EQ(parse_h1_result(h1_result_json(h1)), h1);
}

// A key missing anywhere, or holding a value of the wrong type, is an error that names the
// key and where it is ("results.json: h2.squares[0]").
TEST(ResultsContract, EveryMissingOrMistypedKeyIsAnErrorNamingIt) {
  for (const ContractFragment& f : contract_fragments()) {
    std::vector<Json::json_pointer> keys;
    collect_contract_keys(f.json(), Json::json_pointer(), keys);
    ASSERT_GT(keys.size(), 20u) << f.name;
    for (const Json::json_pointer& key : keys) {
      const std::string name = key.back();
      Json missing = f.json();
      missing[key.parent_pointer()].erase(name);
      const std::string e1 = error_of([&] { f.read(missing); });
      EXPECT_NE(e1.find("missing field '" + name + "'"), std::string::npos) << f.name << key.to_string() << ": " << e1;
      EXPECT_NE(e1.find(std::string("results.json: ") + f.name), std::string::npos) << e1;

      Json mistyped = f.json();
      mistyped[key] = mistyped[key].is_object() ? Json("text") : Json::object();
      const std::string e2 = error_of([&] { f.read(mistyped); });
      EXPECT_NE(e2.find("'" + name + "'"), std::string::npos) << f.name << key.to_string() << ": " << e2;
    }
  }
  const std::string e = error_of([] {
    Json h2 = real_h2();
    h2["squares"][3]["contraries"] = "far";
    parse_h2_result(h2);
  });
  EXPECT_NE(e.find("results.json: h2.squares[3]: field 'contraries' must be a number or null"), std::string::npos) << e;
  EXPECT_NE(error_of([] { parse_h3_result(Json::array()); }).find("results.json: h3: expected an object"), std::string::npos);
  EXPECT_NE(error_of([] {
              Json h2 = real_h2();
              h2["squares"][0]["decision"] = "maybe";
              parse_h2_result(h2);
            }).find("expected valid, invalid or tie"),
            std::string::npos);
}

// docs/RESULTS.md names every key of h1, h2 and h3 in that fragment's section, `in backticks`.
TEST(ResultsContract, EveryWrittenKeyIsDocumented) {
  std::ifstream in(std::string(NSMLAB_FIXTURES_DIR) + "/../../docs/RESULTS.md");
  ASSERT_TRUE(in) << "docs/RESULTS.md not found";
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  for (const ContractFragment& f : contract_fragments()) {
    const size_t from = doc.find(std::string("\n### ") + f.name + "\n");
    ASSERT_NE(from, std::string::npos) << "no section ### " << f.name;
    const size_t to = std::min(doc.find("\n## ", from + 1), doc.find("\n### ", from + 1));
    const std::string section = doc.substr(from, to == std::string::npos ? std::string::npos : to - from);
    std::vector<Json::json_pointer> keys;
    collect_contract_keys(f.json(), Json::json_pointer(), keys);
    std::set<std::string> undocumented;
    for (const Json::json_pointer& key : keys) {
      if (!std::regex_search(section, std::regex("`" + key.back() + "`"))) undocumented.insert(key.back());
    }
    EXPECT_TRUE(undocumented.empty()) << f.name << ": " << ::testing::PrintToString(undocumented);
  }
}

}  // namespace
}  // namespace nsmlab
