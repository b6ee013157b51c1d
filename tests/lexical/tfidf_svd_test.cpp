#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "lexical/randomized_svd.h"
#include "lexical/tfidf_matrix.h"
#include "lexical_test_support.h"

namespace nsmlab {
namespace {

TEST(TfidfMatrix, RowsUnitNormAndIdfIsSmooth) {
  const auto texts = testing::load_fixture_sentences();
  ASSERT_EQ(texts.size(), 30u);
  const TfidfMatrix m = build_tfidf_matrix(texts, TfidfOptions{});
  ASSERT_EQ(m.values.rows(), 30);
  ASSERT_EQ(static_cast<size_t>(m.values.cols()), m.buckets.size());
  for (Eigen::Index i = 0; i < m.values.rows(); ++i) EXPECT_NEAR(m.values.row(i).norm(), 1.0, 1e-12);
  // df counted from the matrix itself; idf must follow ln((1+n)/(1+df)) + 1.
  Eigen::SparseMatrix<double> cols = m.values;  // column-major copy
  for (Eigen::Index c = 0; c < cols.cols(); ++c) {
    const double df = static_cast<double>(cols.col(c).nonZeros());
    ASSERT_NEAR(m.idf[c], std::log(31.0 / (1.0 + df)) + 1.0, 1e-12);
  }
  for (size_t c = 1; c < m.buckets.size(); ++c) ASSERT_LT(m.buckets[c - 1], m.buckets[c]);
  EXPECT_LT(m.buckets.back(), 1u << 18);
}

TEST(TfidfMatrix, SublinearTfSignedHashing) {
  // One text: idf = ln(2/2) + 1 = 1 everywhere; every feature of "chat chat" occurs
  // twice, so (barring bucket collisions) all entries share one magnitude, both signs occur.
  const TfidfMatrix m = build_tfidf_matrix({"chat chat"}, TfidfOptions{});
  // features of "chat": 1 word + 5 bigrams + 4 trigrams + 3 four-grams = 13
  ASSERT_EQ(m.values.nonZeros(), 13);
  int negative = 0;
  for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(m.values, 0); it; ++it) {
    EXPECT_NEAR(std::abs(it.value()), 1.0 / std::sqrt(13.0), 1e-12);
    negative += it.value() < 0;
  }
  EXPECT_GT(negative, 0);
  EXPECT_LT(negative, 13);
}

TEST(TfidfMatrix, TextWithoutWordsIsZeroRow) {
  const TfidfMatrix m = build_tfidf_matrix({"...", "le chat"}, TfidfOptions{});
  EXPECT_EQ(m.values.row(0).nonZeros(), 0);
  EXPECT_NEAR(m.values.row(1).norm(), 1.0, 1e-12);
}

TEST(RandomizedSvd, FullRankMatchesDenseSvd) {
  const TfidfMatrix m = build_tfidf_matrix(testing::load_fixture_sentences(), TfidfOptions{});
  const Eigen::VectorXd reference = testing::dense_singular_values(m);
  RandomizedSvdOptions o;
  o.components = 256;  // more than the 30 rows: k = 30
  const RandomizedSvdResult r = randomized_svd(m.values, o);
  ASSERT_EQ(r.S.size(), 30);
  ASSERT_EQ(r.U.rows(), 30);
  for (Eigen::Index j = 0; j < 30; ++j) EXPECT_NEAR(r.S(j), reference(j), 1e-4 * reference(j)) << j;
  // U holds left singular vectors: U^T U = I and A A^T U = U S^2.
  const Eigen::MatrixXd dense = Eigen::MatrixXd(m.values);
  EXPECT_LT((r.U.transpose() * r.U - Eigen::MatrixXd::Identity(30, 30)).norm(), 1e-10);
  const Eigen::MatrixXd lhs = dense * (dense.transpose() * r.U);
  const Eigen::MatrixXd rhs = r.U * r.S.array().square().matrix().asDiagonal();
  EXPECT_LT((lhs - rhs).norm(), 1e-9);
}

TEST(RandomizedSvd, TruncatedValuesAreCloseLowerBounds) {
  // The fixture's spectrum is flat (30 unrelated sentences), the hard case for a
  // randomized method: the top values are Ritz values, never above the true ones.
  const TfidfMatrix m = build_tfidf_matrix(testing::load_fixture_sentences(), TfidfOptions{});
  const Eigen::VectorXd reference = testing::dense_singular_values(m);
  RandomizedSvdOptions o;
  o.components = 4;
  const RandomizedSvdResult r = randomized_svd(m.values, o);
  ASSERT_EQ(r.S.size(), 4);
  for (Eigen::Index j = 0; j < 4; ++j) {
    EXPECT_LE(r.S(j), reference(j) * (1 + 1e-12)) << j;
    EXPECT_NEAR(r.S(j), reference(j), 1e-2 * reference(j)) << j;
  }
}

TEST(RandomizedSvd, TruncatedTopValuesExactWithSpectralDecay) {
  // A = U diag(s) V^T with s_i = 0.5^i, sparsified V (random signs on a few columns).
  const int n = 60, c = 400, rank = 40;
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd u0(n, rank), v0(c, rank);
  for (double& x : u0.reshaped()) x = normal(rng);
  for (double& x : v0.reshaped()) x = normal(rng);
  const Eigen::MatrixXd u = Eigen::HouseholderQR<Eigen::MatrixXd>(u0).householderQ() * Eigen::MatrixXd::Identity(n, rank);
  const Eigen::MatrixXd v = Eigen::HouseholderQR<Eigen::MatrixXd>(v0).householderQ() * Eigen::MatrixXd::Identity(c, rank);
  Eigen::VectorXd s(rank);
  for (int i = 0; i < rank; ++i) s(i) = 3.0 * std::pow(0.5, i);
  const Eigen::MatrixXd dense = u * s.asDiagonal() * v.transpose();
  const Eigen::SparseMatrix<double, Eigen::RowMajor> a = dense.sparseView();
  RandomizedSvdOptions o;
  o.components = 6;
  const RandomizedSvdResult r = randomized_svd(a, o);
  for (int j = 0; j < 6; ++j) EXPECT_NEAR(r.S(j), s(j), 1e-6 * s(j)) << j;
  // Left singular vectors up to sign.
  for (int j = 0; j < 6; ++j) EXPECT_NEAR(std::abs(r.U.col(j).dot(u.col(j))), 1.0, 1e-6) << j;
}

TEST(RandomizedSvd, DeterministicForSeedWithSignConvention) {
  const TfidfMatrix m = build_tfidf_matrix(testing::load_fixture_sentences(), TfidfOptions{});
  RandomizedSvdOptions o;
  o.components = 6;
  const RandomizedSvdResult a = randomized_svd(m.values, o);
  const RandomizedSvdResult b = randomized_svd(m.values, o);
  EXPECT_EQ(a.U, b.U);
  EXPECT_EQ(a.S, b.S);
  for (Eigen::Index j = 0; j < a.U.cols(); ++j) {
    Eigen::Index arg = 0;
    a.U.col(j).cwiseAbs().maxCoeff(&arg);
    EXPECT_GT(a.U(arg, j), 0);
  }
}

TEST(RandomizedSvd, EmptyMatrix) {
  Eigen::SparseMatrix<double, Eigen::RowMajor> empty(0, 0);
  const RandomizedSvdResult r = randomized_svd(empty, RandomizedSvdOptions{});
  EXPECT_EQ(r.S.size(), 0);
}

}  // namespace
}  // namespace nsmlab
