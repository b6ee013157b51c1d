// The corpus-wide H3 (covariance sums, one process here) gives run_h3's point estimates (SVD
// PCA of the whole matrix) to 1e-9; the same across MPI ranks is tests/cli/corpus_h3_mpi.sh.
#include "corpus/corpus_h3.h"

#include <gtest/gtest.h>

#include <random>

#include "experiments/h3_isotopies.h"

namespace nsmlab {
namespace {

struct Corpus {
  Matrix embeddings;
  std::vector<CorpusSentence> sentences;
};

// Sentences built from the English lexicon, and embeddings that lean along a few directions
// by the isotopies present (so some correlations are strong), plus noise and a large common
// offset (embeddings are anisotropic: the covariance must not cancel against the mean).
Corpus make_corpus(size_t n, size_t d) {
  std::mt19937_64 rng(7);
  std::normal_distribution<float> noise(0, 0.3f);
  const std::vector<std::string> words = {"i", "not", "want", "know", "think", "good", "bad", "say", "tell", "fine",
                                          "house", "river", "blue", "walk"};
  Corpus c;
  c.embeddings = Matrix(n, d);
  for (size_t i = 0; i < n; ++i) {
    std::string text;
    for (size_t w = 0; w < 1 + i % 5; ++w) {
      const size_t pick = (i * 7 + w * 3 + rng() % 5) % words.size();
      text += (w ? " " : "") + words[pick];
      if (pick < 8) c.embeddings(i, pick % d) += 1.5f;
    }
    c.sentences.push_back({text, ""});
    for (size_t j = 0; j < d; ++j) c.embeddings(i, j) += 4.0f + noise(rng);
  }
  return c;
}

CorpusRows rows_of(const Corpus& c) {
  return [&c](bool, const CorpusRowVisitor& visit) {
    for (size_t i = 0; i < c.embeddings.rows; ++i) visit(c.embeddings.row(i), c.sentences[i].text);
  };
}

TEST(CorpusH3, SameNumbersAsRunH3) {
  const Corpus c = make_corpus(90, 12);
  const Dataset dataset = builtin_dataset();
  H3Options options;
  SignificanceOptions significance;
  significance.permutations = 0;
  const Json want = run_h3(c.embeddings, c.sentences, dataset, "en", options, significance);
  Ranks one;
  const Json got = corpus_h3(one, 12, rows_of(c), dataset, "en", options);
  ASSERT_EQ(got["n_components"], want["n_components"]);
  for (size_t k = 0; k < want["explained_variance_ratio"].size(); ++k)
    EXPECT_NEAR(got["explained_variance_ratio"][k].get<double>(), want["explained_variance_ratio"][k].get<double>(), 1e-9);
  ASSERT_EQ(got["isotopies"].size(), want["isotopies"].size());
  int analysed = 0;
  for (size_t t = 0; t < want["isotopies"].size(); ++t) {
    const Json& w = want["isotopies"][t];
    const Json& g = got["isotopies"][t];
    EXPECT_EQ(g["target"], w["target"]);
    EXPECT_EQ(g["occurrences"], w["occurrences"]) << w["target"];
    EXPECT_EQ(g["skipped"], w["skipped"]) << w["target"];
    EXPECT_EQ(g["best_component"], w["best_component"]) << w["target"];
    EXPECT_EQ(g["converges"], w["converges"]) << w["target"];
    ASSERT_EQ(g["r"].size(), w["r"].size());
    for (size_t k = 0; k < w["r"].size(); ++k)  // signs included: the components are flipped alike
      EXPECT_NEAR(g["r"][k].get<double>(), w["r"][k].get<double>(), 1e-9) << w["target"] << " PC" << k + 1;
    analysed += w["skipped"].get<bool>() ? 0 : 1;
  }
  EXPECT_GE(analysed, 5);  // the comparison covers real correlations
  EXPECT_EQ(got["converging"], want["converging"]);
  EXPECT_EQ(got["rate"], want["rate"]);
  EXPECT_EQ(got["validated"], want["validated"]);
}

TEST(CorpusH3, RefusesTooFewRowsAndBadValues) {
  Corpus c = make_corpus(1, 4);
  Ranks one;
  EXPECT_THROW(corpus_pca(one, 4, rows_of(c), 10), Error);
  c = make_corpus(5, 4);
  c.embeddings(2, 1) = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THROW(corpus_pca(one, 4, rows_of(c), 10), Error);
}

}  // namespace
}  // namespace nsmlab
