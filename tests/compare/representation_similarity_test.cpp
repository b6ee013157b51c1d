// CKA and RSA against values computed independently with numpy/scipy (the comments give the
// expressions), and the invariances that make them comparable across models.
#include "compare/representation_similarity.h"

#include <gtest/gtest.h>

#include <cmath>

#include "util/error.h"

namespace nsmlab {
namespace {

Matrix make(size_t rows, size_t cols, std::initializer_list<float> values) {
  Matrix m(rows, cols);
  size_t i = 0;
  for (float v : values) m.data[i++] = v;
  return m;
}

const Matrix kA = make(5, 3, {1, 0, 2, 0, 1, 1, 2, 1, 0, 1, 3, 1, 0, 0, 1});
const Matrix kB = make(5, 2, {1, 2, 2, 0, 0, 1, 3, 3, 1, 1});

TEST(LinearCka, OneColumnIsTheSquaredPearsonCorrelation) {
  // np: x=[1,2,3,4], y=x**2 -> np.corrcoef(x, y)[0,1]**2
  EXPECT_NEAR(linear_cka(make(4, 1, {1, 2, 3, 4}), make(4, 1, {1, 4, 9, 16})), 0.9689922480620154, 1e-12);
}

TEST(LinearCka, MatchesNumpyOnMatricesOfDifferentWidths) {
  // X, Y centred: np.linalg.norm(Y.T@X)**2 / (np.linalg.norm(X.T@X) * np.linalg.norm(Y.T@Y))
  EXPECT_NEAR(linear_cka(kA, kB), 0.5379718223965616, 1e-12);
  EXPECT_NEAR(linear_cka(kB, kA), 0.5379718223965616, 1e-12);
}

TEST(LinearCka, IgnoresRotationScaleAndShift) {
  Matrix y(kA.rows, kA.cols);
  const double c = std::cos(0.7), s = std::sin(0.7);
  for (size_t i = 0; i < kA.rows; ++i) {  // rotate the first two axes, scale by 3, shift by 5
    y(i, 0) = static_cast<float>(3 * (c * kA(i, 0) - s * kA(i, 1)) + 5);
    y(i, 1) = static_cast<float>(3 * (s * kA(i, 0) + c * kA(i, 1)) + 5);
    y(i, 2) = 3 * kA(i, 2) + 5;
  }
  EXPECT_NEAR(linear_cka(kA, kA), 1.0, 1e-12);
  EXPECT_NEAR(linear_cka(kA, y), 1.0, 1e-6);
}

TEST(LinearCka, UndefinedWithoutVarianceAndRefusesOtherItems) {
  EXPECT_TRUE(std::isnan(linear_cka(kA, make(5, 1, {2, 2, 2, 2, 2}))));
  EXPECT_THROW(linear_cka(kA, make(4, 1, {1, 2, 3, 4})), Error);
}

TEST(CosineDistances, InScipyPdistOrder) {
  // scipy.spatial.distance.pdist([[1,0],[0,1],[1,1]], 'cosine')
  const std::vector<double> d = pairwise_cosine_distances(make(3, 2, {1, 0, 0, 1, 1, 1}));
  ASSERT_EQ(d.size(), 3u);
  EXPECT_NEAR(d[0], 1.0, 1e-12);
  EXPECT_NEAR(d[1], 1 - std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(d[2], 1 - std::sqrt(0.5), 1e-12);
}

TEST(Spearman, TiesGetTheirAverageRank) {
  // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]) (scipy's documentation example)
  EXPECT_NEAR(spearman_correlation({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}), 0.8207826816681233, 1e-12);
  EXPECT_NEAR(spearman_correlation({1, 2, 3}, {30, 20, 10}), -1.0, 1e-12);
  EXPECT_TRUE(std::isnan(spearman_correlation({1, 2, 3}, {4, 4, 4})));
  EXPECT_THROW(spearman_correlation({1, 2}, {1, 2, 3}), Error);
}

TEST(Rsa, MatchesScipyAndIgnoresRotationAndScale) {
  // spearmanr(pdist(A, 'cosine'), pdist(B, 'cosine'))
  EXPECT_NEAR(rsa_spearman(kA, kB), 0.0917469804271967, 1e-12);
  Matrix scaled = kA;
  for (float& v : scaled.data) v *= 4;
  EXPECT_NEAR(rsa_spearman(kA, scaled), 1.0, 1e-12);
}

}  // namespace
}  // namespace nsmlab
