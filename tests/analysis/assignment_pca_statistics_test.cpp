#include <gtest/gtest.h>

#include <cmath>

#include "analysis/assignment.h"
#include "analysis/eigen_bridge.h"
#include "analysis/pca.h"
#include "analysis/statistics.h"
#include "analysis_fixtures.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::analysis_expected;
using testing::json_matrix;
using testing::json_vector;
using testing::load_npy_eigen;

void expect_valid_matching(const Eigen::MatrixXd& score, const std::vector<int>& a) {
  ASSERT_EQ(a.size(), size_t(score.rows()));
  std::vector<int> used(size_t(score.cols()), 0);
  int matched = 0;
  for (int c : a) {
    if (c < 0) continue;
    ASSERT_LT(c, score.cols());
    EXPECT_EQ(used[size_t(c)]++, 0) << "column used twice";
    ++matched;
  }
  EXPECT_EQ(matched, std::min(score.rows(), score.cols()));
}

TEST(Hungarian, MatchesScipyOptimum) {
  for (const Json& rec : analysis_expected().at("assignment")) {
    const Eigen::MatrixXd score = json_matrix(rec.at("score"));
    SCOPED_TRACE(std::to_string(score.rows()) + "x" + std::to_string(score.cols()));
    const std::vector<int> a = hungarian_maximize(score);
    expect_valid_matching(score, a);
    EXPECT_NEAR(assignment_total(score, a), rec.at("total").get<double>(), 1e-9);
  }
}

TEST(Hungarian, SmallCases) {
  Eigen::MatrixXd s(2, 3);
  s << 1, 5, 2,
       1, 6, 0;
  // Row 0's own best column (1) is taken by row 1; the optimum 2 + 6 = 8 gives row 0 column 2.
  EXPECT_EQ(hungarian_maximize(s), (std::vector<int>{2, 1}));
  const std::vector<int> tall = hungarian_maximize(s.transpose());
  EXPECT_EQ(tall, (std::vector<int>{-1, 1, 0}));
  EXPECT_EQ(hungarian_minimize(s), (std::vector<int>{0, 2}));
  Eigen::MatrixXd bad = s;
  bad(0, 0) = NAN;
  EXPECT_THROW(hungarian_maximize(bad), Error);
}

TEST(Pca, MatchesSklearnIncludingSigns) {
  for (const std::string name : {"blobs", "structured", "tiny"}) {
    SCOPED_TRACE(name);
    const Json& rec = analysis_expected().at("datasets").at(name).at("pca");
    const Eigen::MatrixXd X = load_npy_eigen(name + "_X.npy");
    const PcaResult r = pca(X, rec.at("n_components").get<int>());
    const Eigen::MatrixXd comp = json_matrix(rec.at("components")), scores = json_matrix(rec.at("scores"));
    ASSERT_EQ(r.components.rows(), comp.rows());
    EXPECT_LT((r.components - comp).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((r.scores - scores).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((r.explained_variance - json_vector(rec.at("explained_variance"))).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((r.explained_variance_ratio - json_vector(rec.at("explained_variance_ratio"))).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((r.mean.transpose() - json_vector(rec.at("mean"))).cwiseAbs().maxCoeff(), 1e-9);
    EXPECT_LT((pca_transform(r, X) - r.scores).cwiseAbs().maxCoeff(), 1e-9);
  }
  EXPECT_THROW(pca(Eigen::MatrixXd::Random(5, 3), 4), Error);
  EXPECT_THROW(pca(Eigen::MatrixXd::Random(1, 3), 1), Error);
}

TEST(Statistics, PearsonMatchesScipy) {
  for (const Json& rec : analysis_expected().at("pearson"))
    EXPECT_NEAR(pearson_r(json_vector(rec.at("a")), json_vector(rec.at("b"))), rec.at("r").get<double>(), 1e-9);
  Eigen::VectorXd a(4), b(4), flat = Eigen::VectorXd::Constant(4, 2.0);
  a << 1, 2, 3, 4;
  b << 8, 6, 4, 2;
  EXPECT_DOUBLE_EQ(pearson_r(a, b), -1.0);
  EXPECT_TRUE(std::isnan(pearson_r(a, flat)));
  EXPECT_THROW(pearson_r(a, Eigen::VectorXd::Zero(3)), Error);
}

TEST(Statistics, CosineDistance) {
  Eigen::VectorXd a(2), b(2), c(2);
  a << 1, 0;
  b << 0, 3;
  c << -2, 0;
  EXPECT_NEAR(cosine_distance(a, b), 1.0, 1e-12);
  EXPECT_NEAR(cosine_distance(a, c), 2.0, 1e-12);
  EXPECT_NEAR(cosine_distance(a, 5 * a), 0.0, 1e-12);
  EXPECT_TRUE(std::isnan(cosine_distance(a, Eigen::VectorXd::Zero(2))));
}

TEST(Statistics, PercentilesLikeNumpy) {
  // numpy.percentile([1, 2, 3, 4, 10], [2.5, 97.5]) = [1.1, 9.4]
  const Interval i = percentile_interval({10, 1, 4, 3, 2}, 0.95);
  EXPECT_NEAR(i.low, 1.1, 1e-12);
  EXPECT_NEAR(i.high, 9.4, 1e-12);
  EXPECT_NEAR(percentile({1, 2, 3, 4}, 50), 2.5, 1e-12);
  EXPECT_NEAR(percentile({5}, 90), 5.0, 1e-12);
  EXPECT_TRUE(std::isnan(percentile_interval({}, 0.9).low));
  EXPECT_THROW(percentile_interval({1.0}, 1.5), Error);
}

TEST(EigenBridge, RoundTrip) {
  Matrix m(2, 3);
  for (size_t i = 0; i < 6; ++i) m.data[i] = float(i) + 0.5f;
  const Eigen::MatrixXd e = to_eigen(m);
  EXPECT_EQ(e.rows(), 2);
  EXPECT_DOUBLE_EQ(e(1, 0), 3.5);  // row-major source
  EXPECT_DOUBLE_EQ(e(0, 2), 2.5);
  EXPECT_EQ(from_eigen(e).data, m.data);
  EXPECT_DOUBLE_EQ(select_rows(e, {1})(0, 1), 4.5);
}

}  // namespace
}  // namespace nsmlab
