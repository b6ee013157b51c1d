#include <gtest/gtest.h>

#include <cmath>

#include "lexical/lexical_encoder.h"
#include "lexical/tfidf_matrix.h"
#include "lexical_test_support.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::row_dot;

TEST(LexicalEncoder, IdentifiesItselfAsBaseline) {
  LexicalEncoder e;
  EXPECT_EQ(e.kind(), "lexical");
  EXPECT_EQ(e.dimension(), 256u);
  EXPECT_EQ(e.describe(), "lexical baseline: char 2-4-gram hashing TF-IDF + SVD-256 (no neural model)");
}

TEST(LexicalEncoder, DeterministicUnitRows) {
  const auto texts = testing::load_fixture_sentences();
  LexicalEncoder a, b;
  const Matrix x = a.encode(texts, EncodeOptions{});
  const Matrix y = b.encode(texts, EncodeOptions{});
  ASSERT_EQ(x.rows, texts.size());
  ASSERT_EQ(x.cols, 256u);
  EXPECT_EQ(x.data, y.data);
  for (size_t i = 0; i < x.rows; ++i) EXPECT_NEAR(row_dot(x, i, i), 1.0, 1e-5);
}

TEST(LexicalEncoder, DimensionConstantAndPaddedWithZeros) {
  LexicalOptions o;
  o.dimension = 16;
  LexicalEncoder e(o);
  const Matrix small = e.encode({"le chat", "le chien", "une pomme"}, EncodeOptions{});
  ASSERT_EQ(small.cols, 16u);
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 3; j < 16; ++j) EXPECT_EQ(small(i, j), 0.0f);
  const Matrix large = e.encode(testing::load_fixture_sentences(), EncodeOptions{});
  EXPECT_EQ(large.cols, 16u);
  EXPECT_EQ(e.last_singular_values().size(), 16);
  const Matrix none = e.encode({}, EncodeOptions{});
  EXPECT_EQ(none.rows, 0u);
  EXPECT_EQ(none.cols, 16u);
}

TEST(LexicalEncoder, SharedWordsAreCloser) {
  LexicalEncoder e;
  const Matrix x = e.encode({"je sais la vérité", "je sais tout", "le chat dort"}, EncodeOptions{});
  EXPECT_GT(row_dot(x, 0, 1), row_dot(x, 0, 2) + 0.1);
  EXPECT_GT(row_dot(x, 0, 1), row_dot(x, 1, 2) + 0.1);
}

TEST(LexicalEncoder, SharedWordsAreCloserWithinACorpus) {
  auto texts = testing::load_fixture_sentences();
  texts.insert(texts.end(), {"je sais la vérité", "je sais tout", "le chat dort"});
  LexicalOptions o;
  o.dimension = 24;  // fewer components than texts: the truncated path
  LexicalEncoder e(o);
  const Matrix x = e.encode(texts, EncodeOptions{});
  const size_t a = texts.size() - 3;
  EXPECT_GT(row_dot(x, a, a + 1), row_dot(x, a, a + 2));
}

TEST(LexicalEncoder, AccentAndCaseVariantsMapClose) {
  const std::vector<std::string> texts{"Je sais la vérité", "JE SAIS LA VERITE", "je sais la verite.", "le chat dort"};
  LexicalEncoder strip;
  const Matrix x = strip.encode(texts, EncodeOptions{});
  EXPECT_NEAR(row_dot(x, 0, 1), 1.0, 1e-5);  // identical after normalisation
  EXPECT_NEAR(row_dot(x, 0, 2), 1.0, 1e-5);
  LexicalOptions keep;
  keep.strip_accents = false;
  LexicalEncoder accents(keep);
  const Matrix y = accents.encode(texts, EncodeOptions{});
  EXPECT_GT(row_dot(y, 0, 1), 0.5);  // same words but "vérité" vs "verite"
  EXPECT_LT(row_dot(y, 0, 1), 0.999);
  EXPECT_GT(row_dot(y, 0, 1), row_dot(y, 0, 3) + 0.3);
}

TEST(LexicalEncoder, SingularValuesMatchDenseReference) {
  const auto texts = testing::load_fixture_sentences();
  LexicalEncoder e;
  e.encode(texts, EncodeOptions{});
  const TfidfMatrix m = build_tfidf_matrix(texts, TfidfOptions{});
  const Eigen::VectorXd reference = testing::dense_singular_values(m);
  const Eigen::VectorXd& s = e.last_singular_values();
  ASSERT_EQ(s.size(), 30);
  for (Eigen::Index j = 0; j < s.size(); ++j) EXPECT_NEAR(s(j), reference(j), 1e-4 * reference(j)) << j;
}

TEST(LexicalEncoder, TextWithoutWordsGivesZeroRow) {
  LexicalEncoder e;
  const Matrix x = e.encode({"?!", "le chat dort"}, EncodeOptions{});
  EXPECT_EQ(row_dot(x, 0, 0), 0.0);
  EXPECT_NEAR(row_dot(x, 1, 1), 1.0, 1e-5);
}

TEST(LexicalEncoder, BadInput) {
  EXPECT_THROW(LexicalEncoder(LexicalOptions{.dimension = 0}), Error);
  LexicalEncoder e;
  try {
    e.encode({"ok", "bad \xC3"}, EncodeOptions{});
    FAIL() << "expected an Error";
  } catch (const Error& err) {
    EXPECT_NE(std::string(err.what()).find("text 2 of 2"), std::string::npos) << err.what();
  }
}

}  // namespace
}  // namespace nsmlab
