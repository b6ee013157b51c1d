#include "experiments/synthesis.h"

#include <gtest/gtest.h>

namespace nsmlab {
namespace {

Json fragments_h1() {
  return {{"purity", 0.6111}, {"silhouette", 0.1234}, {"validated", false},
          {"significance", {{"purity_p", 0.03}}}};
}

TEST(Synthesis, OneRowPerExperimentRun) {
  const Json h2 = {{"rate", 0.8}, {"valid", 8}, {"analysed", 10}, {"validated", true},
                   {"significance", {{"p_value", 0.002}}}};
  const Json h3 = {{"rate", 2.0 / 7}, {"converging", 2}, {"targets", 7}, {"threshold_r", 0.6},
                   {"validated", false}, {"significance", {{"p_value", 0.4}}}};
  const Json s = make_synthesis(fragments_h1(), h2, h3);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0]["experiment"], "H1");
  EXPECT_EQ(s[0]["metric"], "purity 0.61, silhouette 0.12");
  EXPECT_EQ(s[0]["p_value"], 0.03);
  EXPECT_FALSE(s[0]["validated"].get<bool>());
  EXPECT_EQ(s[1]["metric"], "valid rate 0.80 (8/10 squares)");
  EXPECT_TRUE(s[1]["validated"].get<bool>());
  EXPECT_EQ(s[2]["metric"], "converging rate 0.29 (2/7 isotopies, |r| > 0.60)");
  EXPECT_EQ(s[2]["p_value"], 0.4);

  const Json only = make_synthesis(fragments_h1(), Json(), Json());
  EXPECT_EQ(only.size(), 1u);
}

TEST(Synthesis, TableIsAlignedAndGivesVerdicts) {
  const Json h2 = {{"rate", nullptr}, {"valid", 0}, {"analysed", 0}, {"validated", false},
                   {"significance", {{"p_value", nullptr}}}};
  const std::string t = synthesis_table(make_synthesis(fragments_h1(), h2, Json()));
  EXPECT_NE(t.find("Experiment"), std::string::npos);
  EXPECT_NE(t.find("REFUTED"), std::string::npos);
  EXPECT_NE(t.find("0.030"), std::string::npos);
  EXPECT_NE(t.find("n/a"), std::string::npos);
  // Every data line puts its columns at the same offsets as the header.
  std::vector<std::string> lines;
  for (size_t a = 0, b; (b = t.find('\n', a)) != std::string::npos; a = b + 1) lines.push_back(t.substr(a, b - a));
  ASSERT_EQ(lines.size(), 4u);  // header, rule, H1, H2
  const size_t bar = lines[0].find(" | ");
  EXPECT_EQ(lines[2].find(" | "), bar);
  EXPECT_EQ(lines[3].find(" | "), bar);
  EXPECT_EQ(lines[2].rfind(" | "), lines[0].rfind(" | "));
}

}  // namespace
}  // namespace nsmlab
