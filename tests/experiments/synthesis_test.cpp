#include "experiments/synthesis.h"

#include <gtest/gtest.h>

#include "experiments/h1_result.h"
#include "experiments/h2_result.h"
#include "experiments/h3_result.h"
#include "util/error.h"

namespace nsmlab {
namespace {

// Whole fragments, through the contract's writers (make_synthesis reads them strictly).
Json fragments_h1() {
  H1Result h;
  h.purity = 0.6111;
  h.silhouette = 0.1234;
  h.significance.permutations = 100;
  h.significance.purity_p = 0.03;
  return h1_result_json(h);
}

Json fragment_h2(double rate, int valid, int analysed, int ties, bool validated, int permutations,
                 std::optional<double> p) {
  H2Result h;
  h.rate = rate;
  h.valid = valid;
  h.analysed = analysed;
  h.ties = ties;
  h.validated = validated;
  h.significance.permutations = permutations;
  h.significance.p_value = p;
  return h2_result_json(h);
}

Json fragment_h3(double rate, int converging, int targets, int permutations, std::optional<double> p) {
  H3Result h;
  h.rate = rate;
  h.converging = converging;
  h.targets = targets;
  h.threshold_r = 0.6;
  h.significance.permutations = permutations;
  h.significance.p_value = p;
  return h3_result_json(h);
}

std::vector<std::string> lines_of(const std::string& t) {
  std::vector<std::string> lines;
  for (size_t a = 0, b; (b = t.find('\n', a)) != std::string::npos; a = b + 1) lines.push_back(t.substr(a, b - a));
  return lines;
}

TEST(Synthesis, OneRowPerExperimentRun) {
  const Json h2 = fragment_h2(0.8, 8, 10, 1, true, 100, 0.002);
  const Json h3 = fragment_h3(2.0 / 7, 2, 7, 100, 0.4);
  const Json s = make_synthesis(fragments_h1(), h2, h3);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0]["experiment"], "H1");
  EXPECT_EQ(s[0]["metric"], "purity 0.61, silhouette 0.12");
  EXPECT_EQ(s[0]["p_value"], 0.03);
  EXPECT_EQ(s[0]["verdict"], "refuted");
  EXPECT_EQ(s[1]["metric"], "8/10 valid (0.80), 1 ties");
  EXPECT_EQ(s[1]["verdict"], "validated");
  EXPECT_EQ(s[2]["metric"], "2/7 at |r|>0.60 (0.29)");
  EXPECT_EQ(s[2]["p_value"], 0.4);

  const Json only = make_synthesis(fragments_h1(), Json(), Json());
  EXPECT_EQ(only.size(), 1u);
}

TEST(Synthesis, LexicalBaselineDecidesNothing) {
  Json h1 = fragments_h1();
  h1["validated"] = true;
  const Json s = make_synthesis(h1, Json(), Json(), /*lexical_baseline=*/true);
  EXPECT_EQ(s[0]["verdict"], "not_applicable");
  EXPECT_TRUE(s[0]["validated"].get<bool>());  // the threshold rule is still recorded
  const std::string t = synthesis_table(s, /*color=*/true);
  EXPECT_NE(t.find("\033[90mn/a (lexical baseline)\033[0m"), std::string::npos);
  EXPECT_EQ(t.find("VALIDATED"), std::string::npos);
  EXPECT_EQ(t.find("REFUTED"), std::string::npos);
}

TEST(Synthesis, NoPermutationsMeansNotComputed) {
  Json h1 = fragments_h1();
  h1["significance"]["permutations"] = 0;
  h1["significance"]["purity_p"] = 1.0;
  const Json s = make_synthesis(h1, Json(), Json());
  EXPECT_TRUE(s[0]["p_value"].is_null());
  const std::string t = synthesis_table(s);
  EXPECT_NE(t.find("not computed"), std::string::npos);
  EXPECT_EQ(t.find("1.000"), std::string::npos);
}

TEST(Synthesis, UnknownVerdictIsRefused) {
  Json s = make_synthesis(fragments_h1(), Json(), Json());
  s[0]["verdict"] = "maybe";
  EXPECT_THROW(synthesis_table(s), Error);
}

TEST(Synthesis, TableIsAlignedAndFitsHundredColumns) {
  const Json h2 = fragment_h2(0.2381, 5, 21, 10, false, 1000, std::nullopt);
  const Json h3 = fragment_h3(0.125, 1, 8, 0, 1.0);
  for (bool lexical : {false, true}) {
    const std::string t = synthesis_table(make_synthesis(fragments_h1(), h2, h3, lexical));
    EXPECT_NE(t.find("Test"), std::string::npos);
    EXPECT_NE(t.find("0.030"), std::string::npos);
    EXPECT_NE(t.find("n/a"), std::string::npos);
    const auto lines = lines_of(t);
    ASSERT_EQ(lines.size(), 5u);  // header, rule, H1, H2, H3
    for (const std::string& l : lines) EXPECT_LE(l.size(), 100u) << l;
    // Every data line puts its columns at the same offsets as the header.
    const size_t verdict_at = lines[0].rfind("Verdict");
    for (size_t i = 2; i < lines.size(); ++i) EXPECT_NE(lines[i].substr(verdict_at, 3), "   ") << lines[i];
    EXPECT_EQ(lines[2].find("primes"), lines[0].find("Hypothesis"));
  }
}

// The row is a typed contract: what the writer writes the reader reads back, and a renamed,
// missing or mistyped field is an error naming it (never an empty cell).
TEST(Synthesis, RowsRoundTripAndBrokenRowsAreErrors) {
  const Json written = make_synthesis(fragments_h1(), Json(), Json());
  const std::vector<SynthesisRow> rows = parse_synthesis(written);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].experiment, "H1");
  EXPECT_EQ(rows[0].p_value, 0.03);
  EXPECT_EQ(rows[0].permutations, 100);
  EXPECT_EQ(rows[0].verdict, Verdict::refuted);
  EXPECT_EQ(synthesis_row_json(rows[0]), written[0]);
  for (const char* key : {"experiment", "hypothesis", "metric", "p_value", "permutations", "validated", "verdict"}) {
    Json broken = written;
    broken[0].erase(key);
    try {
      parse_synthesis(broken);
      FAIL() << "no error without " << key;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("'") + key + "'"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("synthesis[0]"), std::string::npos) << e.what();
    }
  }
  Json mistyped = written;
  mistyped[0]["permutations"] = "many";
  EXPECT_THROW(parse_synthesis(mistyped), Error);
  mistyped = written;
  mistyped[0]["p_value"] = "0.03";
  EXPECT_THROW(parse_synthesis(mistyped), Error);
}

// The fragments are read strictly too: a renamed key is an error, not "n/a" in the table.
TEST(Synthesis, FragmentsMissingAKeyAreErrors) {
  Json h1 = fragments_h1();
  h1.erase("silhouette");
  try {
    make_synthesis(h1, Json(), Json());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("h1: missing field 'silhouette'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace nsmlab
