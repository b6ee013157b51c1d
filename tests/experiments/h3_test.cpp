#include "experiments/h3_isotopies.h"

#include <gtest/gtest.h>

#include <cmath>

#include "experiment_fixture.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::expected;
using testing::fixture_matrix;
using testing::panini;
using testing::quick_significance;

Json run_reference() {
  return run_h3(fixture_matrix("corpus_embeddings.npy"), panini().corpora.at("fr"), panini(), "fr", H3Options{},
                quick_significance());
}

TEST(H3, MatchesTheOriginalPcaAndCorrelations) {
  const Json& e = expected()["h3"];
  const Json h3 = run_reference();
  EXPECT_EQ(h3["language"], "fr");
  EXPECT_EQ(h3["n_sentences"], 105);
  ASSERT_EQ(h3["n_components"], e["n_components"]);
  const int k = e["n_components"];
  for (int c = 0; c < k; ++c) {
    EXPECT_NEAR(h3["explained_variance_ratio"][c].get<double>(), e["explained_variance_ratio"][c].get<double>(), 1e-6);
  }
  // A principal component's sign is a convention: compare r up to one sign per
  // component, the same for every isotopy.
  std::vector<double> sign(k, 0.0);
  ASSERT_EQ(h3["isotopies"].size(), e["isotopies"].size());
  for (size_t i = 0; i < e["isotopies"].size(); ++i) {
    const Json& got = h3["isotopies"][i];
    const Json& want = e["isotopies"][i];
    EXPECT_EQ(got["target"], want["target"]);
    EXPECT_EQ(got["occurrences"], want["occurrences"]) << want["target"];
    EXPECT_EQ(got["skipped"], want["skipped"]) << want["target"];
    if (want["skipped"].get<bool>()) {
      EXPECT_FALSE(got["reason"].get<std::string>().empty());
      EXPECT_TRUE(got["p_value"].is_null());
      continue;
    }
    ASSERT_EQ(got["r"].size(), static_cast<size_t>(k));
    for (int c = 0; c < k; ++c) {
      const double g = got["r"][c], w = want["r"][c];
      if (sign[c] == 0 && std::abs(w) > 1e-3) sign[c] = (g * w > 0) ? 1.0 : -1.0;
      EXPECT_NEAR(g, (sign[c] == 0 ? 1.0 : sign[c]) * w, 1e-6) << want["target"] << " PC" << c + 1;
    }
    EXPECT_EQ(got["best_component"], want["best_component"]) << want["target"];
    EXPECT_NEAR(got["abs_best_r"].get<double>(), want["abs_best_r"].get<double>(), 1e-6);
    EXPECT_NEAR(std::abs(got["best_r"].get<double>()), want["abs_best_r"].get<double>(), 1e-6);
    EXPECT_EQ(got["converges"], want["converges"]) << want["target"];
    EXPECT_GT(got["p_value"].get<double>(), 0.0);
    EXPECT_LE(got["p_value"].get<double>(), 1.0);
  }
  EXPECT_EQ(h3["converging"], e["converging"]);
  EXPECT_NEAR(h3["rate"].get<double>(), e["rate"].get<double>(), 1e-12);
  EXPECT_EQ(h3["validated"].get<bool>(), e["rate"].get<double>() > 0.6);
  EXPECT_EQ(h3["targets"], 7);
  EXPECT_EQ(h3["analysed"], 5);  // PAS (2 occurrences) and MAL (none) are skipped
}

TEST(H3, StrongIsotopiesAreSignificantAndWeakOnesAreNot) {
  const Json h3 = run_reference();
  for (const Json& iso : h3["isotopies"]) {
    if (iso["skipped"].get<bool>()) continue;
    if (iso["abs_best_r"].get<double>() > 0.8) {
      EXPECT_NEAR(iso["p_value"].get<double>(), 1.0 / 201, 1e-12) << iso["target"];
    }
    if (iso["abs_best_r"].get<double>() < 0.3) {
      EXPECT_GT(iso["p_value"].get<double>(), 0.01) << iso["target"];
    }
  }
  const double p = h3["significance"]["p_value"];
  EXPECT_GT(p, 0.0);
  EXPECT_LE(p, 1.0);
  EXPECT_EQ(h3["significance"]["permutations"], 200);
}

TEST(H3, SkippedIsotopiesSayWhy) {
  const Json h3 = run_reference();
  const Json& pas = h3["isotopies"][1];
  EXPECT_EQ(pas["target"], "PAS");
  EXPECT_TRUE(pas["skipped"].get<bool>());
  EXPECT_NE(pas["reason"].get<std::string>().find("2 occurrence"), std::string::npos);
  EXPECT_EQ(pas["forms"].size(), 6u);
  EXPECT_FALSE(pas["converges"].get<bool>());
}

TEST(H3, ConvergingIsotopyGivesFullRate) {
  // Two groups of sentences separated along one axis; the target marks one group.
  Dataset d;
  d.isotopy_targets = {"A"};
  d.isotopy_lexicons["xx"]["A"] = {"alpha"};
  std::vector<CorpusSentence> corpus;
  Matrix emb(12, 3);
  for (int i = 0; i < 12; ++i) {
    const bool a = i % 3 == 0;
    corpus.push_back({a ? "alpha here" : "beta there", ""});
    emb(i, 0) = a ? 1.0f : -0.5f;
    emb(i, 1) = 0.01f * static_cast<float>(i % 5);
    emb(i, 2) = 0.02f * static_cast<float>(i % 2);
  }
  const Json h3 = run_h3(emb, corpus, d, "xx", H3Options{}, quick_significance());
  EXPECT_EQ(h3["n_components"], 3);  // min(10, n-1, dimension)
  EXPECT_EQ(h3["rate"], 1.0);
  EXPECT_TRUE(h3["validated"].get<bool>());
  EXPECT_EQ(h3["isotopies"][0]["best_component"], 1);
  EXPECT_NEAR(h3["isotopies"][0]["abs_best_r"].get<double>(), 1.0, 1e-3);
}

// Synonyms count in the detection, and the exponents alone are reported beside it.
TEST(H3, SynonymsDetectedAndExponentsReportedAlone) {
  Dataset d;
  d.isotopy_targets = {"A"};
  d.isotopy_lexicons["xx"]["A"] = {"alpha"};
  d.isotopy_synonyms["xx"]["A"] = {"gamma"};
  std::vector<CorpusSentence> corpus;
  Matrix emb(12, 3);
  for (int i = 0; i < 12; ++i) {
    const bool a = i % 3 == 0;
    corpus.push_back({a ? (i % 2 ? "gamma here" : "alpha here") : "beta there", ""});
    emb(i, 0) = a ? 1.0f : -0.5f;
    emb(i, 1) = 0.01f * static_cast<float>(i % 5);
    emb(i, 2) = 0.02f * static_cast<float>(i % 2);
  }
  const Json h3 = run_h3(emb, corpus, d, "xx", H3Options{}, quick_significance());
  const Json& iso = h3["isotopies"][0];
  EXPECT_EQ(iso["occurrences"], 4);  // alpha twice, gamma twice
  EXPECT_EQ(iso["forms"], Json::array({"alpha"}));
  EXPECT_EQ(iso["synonyms"], Json::array({"gamma"}));
  EXPECT_EQ(h3["rate"], 1.0);
  EXPECT_EQ(iso["exponents_only"]["occurrences"], 2);  // fewer than 3: not analysed
  EXPECT_TRUE(iso["exponents_only"]["best_r"].is_null());
  EXPECT_EQ(h3["exponents_only"]["rate"], 0.0);
}

TEST(H3, MissingLexiconSkipsEveryTargetWithAWarning) {
  const Json h3 = run_h3(fixture_matrix("corpus_embeddings.npy"), panini().corpora.at("fr"), panini(), "en",
                         H3Options{}, quick_significance());
  EXPECT_EQ(h3["analysed"], 0);
  EXPECT_EQ(h3["rate"], 0.0);
  EXPECT_FALSE(h3["validated"].get<bool>());
  EXPECT_FALSE(h3["warnings"].empty());
  for (const Json& iso : h3["isotopies"]) EXPECT_TRUE(iso["skipped"].get<bool>());
}

TEST(H3, RejectsMismatchedInput) {
  EXPECT_THROW(run_h3(Matrix(4, 8), panini().corpora.at("fr"), panini(), "fr", H3Options{}, quick_significance()),
               Error);
  std::vector<CorpusSentence> two = {{"a", ""}, {"b", ""}};
  EXPECT_THROW(run_h3(Matrix(2, 8), two, panini(), "fr", H3Options{}, quick_significance()), Error);
}

}  // namespace
}  // namespace nsmlab
