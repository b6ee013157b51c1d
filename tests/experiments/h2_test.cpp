#include "experiments/h2_squares.h"

#include <gtest/gtest.h>

#include <cmath>

#include "experiment_fixture.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::expected;
using testing::fixture_matrix;
using testing::panini;
using testing::prime_pointers;
using testing::quick_significance;

TEST(H2, MatchesTheOriginalDistancesAndVerdicts) {
  const Json& e = expected()["h2"];
  const Json h2 = run_h2(fixture_matrix("prime_embeddings.npy"), prime_pointers(panini()), panini(), H2Options{},
                         quick_significance());
  ASSERT_EQ(h2["squares"].size(), e["squares"].size());
  for (size_t i = 0; i < e["squares"].size(); ++i) {
    const Json& got = h2["squares"][i];
    const Json& want = e["squares"][i];
    EXPECT_EQ(got["name"], want["name"]);
    for (const char* f : {"contraries", "contradictory_s1", "contradictory_s2", "complementary"}) {
      EXPECT_NEAR(got[f].get<double>(), want[f].get<double>(), 1e-6) << want["name"] << " " << f;
    }
    EXPECT_NEAR(got["mean_contradictories"].get<double>(),
                (want["contradictory_s1"].get<double>() + want["contradictory_s2"].get<double>()) / 2, 1e-6);
    EXPECT_EQ(got["valid"], want["valid"]) << want["name"];
  }
  EXPECT_EQ(h2["analysed"], e["analysed"]);
  EXPECT_EQ(h2["valid"], e["valid"]);
  EXPECT_NEAR(h2["rate"].get<double>(), e["rate"].get<double>(), 1e-12);
  EXPECT_EQ(h2["validated"].get<bool>(), e["rate"].get<double>() > 0.70);
  EXPECT_EQ(h2["threshold"], 0.70);
  EXPECT_EQ(h2["squares"][0]["s1"], "SAVOIR");
}

TEST(H2, SkipsSquaresNamingUnknownPrimesWithAWarning) {
  const Json h2 = run_h2(fixture_matrix("prime_embeddings.npy"), prime_pointers(panini()), panini(), H2Options{},
                         quick_significance());
  ASSERT_EQ(h2["skipped"].size(), 1u);
  EXPECT_EQ(h2["skipped"][0]["name"], "MAINTENANT_AVANT");
  EXPECT_NE(h2["skipped"][0]["reason"].get<std::string>().find("APRES"), std::string::npos);
  ASSERT_EQ(h2["warnings"].size(), 1u);
  EXPECT_NE(h2["warnings"][0].get<std::string>().find("APRES"), std::string::npos);
  EXPECT_EQ(h2["analysed"], 19);
}

TEST(H2, SignificanceAndIntervalAreConsistent) {
  const Json h2 = run_h2(fixture_matrix("prime_embeddings.npy"), prime_pointers(panini()), panini(), H2Options{},
                         quick_significance());
  const double p = h2["significance"]["p_value"].get<double>();
  EXPECT_GE(p, 1.0 / 201);
  EXPECT_LE(p, 1.0);
  EXPECT_EQ(h2["significance"]["permutations"], 200);
  const double lo = h2["ci"]["rate"][0].get<double>(), hi = h2["ci"]["rate"][1].get<double>();
  EXPECT_LE(lo, h2["rate"].get<double>());
  EXPECT_GE(hi, h2["rate"].get<double>());
  EXPECT_LT(lo, hi);
}

// Hand-built geometry: contraries close, contradictories far in every square.
Dataset geometric_squares(int count, Matrix& emb) {
  Dataset d;
  d.categories = {"C"};
  emb = Matrix(4 * count, 4 * count);
  for (int s = 0; s < count; ++s) {
    const std::string base = "P" + std::to_string(s) + "_";
    for (const char* role : {"s1", "s2", "n1", "n2"}) d.primes.push_back({base + role, "C", {}, {}});
    // s1 = e0, s2 = 0.9 e0 + 0.1 e1 (close); n1 = e2, n2 = e3 (orthogonal to both).
    const size_t r = 4 * s;
    emb(r, r) = 1;
    emb(r + 1, r) = 0.9f;
    emb(r + 1, r + 1) = 0.1f;
    emb(r + 2, r + 2) = 1;
    emb(r + 3, r + 3) = 1;
    d.squares.push_back({"SQ" + std::to_string(s), base + "s1", base + "s2", base + "n1", base + "n2", "why", "", ""});
  }
  return d;
}

TEST(H2, GeometricSquaresAreValidAndSignificant) {
  Matrix emb;
  const Dataset d = geometric_squares(12, emb);
  const Json h2 = run_h2(emb, prime_pointers(d), d, H2Options{}, quick_significance());
  EXPECT_EQ(h2["valid"], 12);
  EXPECT_EQ(h2["rate"], 1.0);
  EXPECT_TRUE(h2["validated"].get<bool>());
  EXPECT_LT(h2["significance"]["p_value"].get<double>(), 0.01);
  EXPECT_EQ(h2["squares"][0]["rationale"], "why");
  const Json& sq = h2["squares"][0];
  const double cos_s1_s2 = 0.9 / std::sqrt(0.81 + 0.01);
  EXPECT_NEAR(sq["contraries"].get<double>(), 1 - cos_s1_s2, 1e-6);
  EXPECT_NEAR(sq["contradictory_s1"].get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(sq["complementary"].get<double>(), 1.0, 1e-12);
  EXPECT_EQ(h2["ci"]["rate"][0], 1.0);
}

TEST(H2, SwappedRolesMakeSquaresInvalid) {
  Matrix emb;
  Dataset d = geometric_squares(3, emb);
  for (Square& s : d.squares) std::swap(s.s2, s.non_s1);  // the close pair becomes contradictory
  const Json h2 = run_h2(emb, prime_pointers(d), d, H2Options{}, quick_significance());
  EXPECT_EQ(h2["valid"], 0);
  EXPECT_EQ(h2["rate"], 0.0);
  EXPECT_FALSE(h2["validated"].get<bool>());
}

// The rate on the sound squares stands apart from the rate on all of them.
TEST(H2, SoundSquaresCountedApart) {
  Matrix emb;
  Dataset d = geometric_squares(4, emb);
  d.squares[0].strength = "sound";
  d.squares[0].note = "a stand-in";
  d.squares[1].strength = "sound";
  std::swap(d.squares[1].s2, d.squares[1].non_s1);  // invalid
  d.squares[2].strength = "weak";
  const Json h2 = run_h2(emb, prime_pointers(d), d, H2Options{}, quick_significance());
  EXPECT_EQ(h2["analysed"], 4);
  EXPECT_EQ(h2["valid"], 3);
  EXPECT_EQ(h2["sound"]["analysed"], 2);
  EXPECT_EQ(h2["sound"]["valid"], 1);
  EXPECT_EQ(h2["sound"]["rate"], 0.5);
  EXPECT_EQ(h2["squares"][0]["strength"], "sound");
  EXPECT_EQ(h2["squares"][0]["note"], "a stand-in");
  EXPECT_EQ(h2["squares"][3]["strength"], "");  // not rated
  for (Square& s : d.squares) s.strength = "weak";
  EXPECT_TRUE(run_h2(emb, prime_pointers(d), d, H2Options{}, quick_significance())["sound"]["rate"].is_null());
}

// Four mutually orthogonal primes: every distance is 1 up to float noise, so no square may
// be called valid or invalid by a margin of 1e-9.
TEST(H2, MarginsWithinFloatNoiseAreTies) {
  Matrix emb;
  Dataset d = geometric_squares(2, emb);
  emb(1, 0) = 0;  // s2 of square 0 becomes e1: orthogonal to s1, like the contradictories
  emb(1, 1) = 1;
  emb(0, 0) = 1.0f + 1e-7f;  // a rounding-size nudge: norms change, cosines stay 0
  const Json h2 = run_h2(emb, prime_pointers(d), d, H2Options{}, quick_significance());
  const Json& tie = h2["squares"][0];
  EXPECT_EQ(tie["decision"], "tie");
  EXPECT_FALSE(tie["valid"].get<bool>());
  EXPECT_LE(std::abs(tie["margin"].get<double>()), kSquareTieTolerance);
  EXPECT_EQ(h2["squares"][1]["decision"], "valid");
  EXPECT_GT(h2["squares"][1]["margin"].get<double>(), 0.5);
  EXPECT_EQ(h2["ties"], 1);
  EXPECT_EQ(h2["valid"], 1);
  EXPECT_EQ(h2["tie_tolerance"], kSquareTieTolerance);
}

TEST(H2, NoAnalysableSquare) {
  Matrix emb;
  Dataset d = geometric_squares(2, emb);
  for (Square& s : d.squares) s.non_s2 = "NOWHERE";
  const Json h2 = run_h2(emb, prime_pointers(d), d, H2Options{}, quick_significance());
  EXPECT_EQ(h2["analysed"], 0);
  EXPECT_TRUE(h2["rate"].is_null());
  EXPECT_FALSE(h2["validated"].get<bool>());
  EXPECT_EQ(h2["skipped"].size(), 2u);
  EXPECT_THROW(run_h2(Matrix(3, 8), prime_pointers(d), d, H2Options{}, quick_significance()), Error);
}

}  // namespace
}  // namespace nsmlab
