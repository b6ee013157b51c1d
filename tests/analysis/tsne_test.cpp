#include "analysis/tsne.h"

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/pca.h"
#include "analysis_fixtures.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::analysis_expected;
using testing::load_npy_eigen;

TEST(Trustworthiness, MatchesSklearnExactly) {
  for (const std::string name : {"blobs", "structured"}) {
    SCOPED_TRACE(name);
    const Json& rec = analysis_expected().at("datasets").at(name).at("tsne");
    const Eigen::MatrixXd X = load_npy_eigen(name + "_X.npy");
    EXPECT_NEAR(trustworthiness(X, load_npy_eigen("tsne_" + name + ".npy"), 5), rec.at("trustworthiness").get<double>(), 1e-9);
    const Eigen::MatrixXd pca2 = pca(X, 2).scores;
    EXPECT_NEAR(trustworthiness(X, pca2, 5), rec.at("pca2_trustworthiness").get<double>(), 1e-9);
    EXPECT_NEAR(trustworthiness(X, pca2, 10), rec.at("pca2_trustworthiness_k10").get<double>(), 1e-9);
    EXPECT_DOUBLE_EQ(trustworthiness(X, X, 5), 1.0);
  }
  EXPECT_THROW(trustworthiness(Eigen::MatrixXd::Random(6, 2), Eigen::MatrixXd::Random(6, 2), 3), Error);
}

TEST(Tsne, JointProbabilitiesHitThePerplexity) {
  const Eigen::MatrixXd X = load_npy_eigen("structured_X.npy");
  const Eigen::MatrixXd D = squared_euclidean_distances(X);
  const Eigen::MatrixXd cond = tsne_conditional_probabilities(D, 30.0);
  for (Eigen::Index i = 0; i < cond.rows(); ++i) {
    EXPECT_NEAR(cond.row(i).sum(), 1.0, 1e-12);
    EXPECT_EQ(cond(i, i), 0.0);
    double entropy = 0;
    for (Eigen::Index j = 0; j < cond.cols(); ++j)
      if (cond(i, j) > 0) entropy -= cond(i, j) * std::log(cond(i, j));
    EXPECT_NEAR(std::exp(entropy), 30.0, 30.0 * 1e-4) << "row " << i;
  }
  const Eigen::MatrixXd P = tsne_joint_probabilities(D, 30.0);
  EXPECT_LT((P - (cond + cond.transpose()) / (2.0 * cond.rows())).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_NEAR(P.sum(), 1.0, 1e-9);
  EXPECT_LT((P - P.transpose()).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_EQ(P.diagonal().cwiseAbs().maxCoeff(), 0.0);
}

TEST(Tsne, AsTrustworthyAsSklearn) {
  for (const std::string name : {"blobs", "structured"}) {
    SCOPED_TRACE(name);
    const Json& rec = analysis_expected().at("datasets").at(name).at("tsne");
    const Eigen::MatrixXd X = load_npy_eigen(name + "_X.npy");
    TsneOptions opt;
    opt.perplexity = rec.at("perplexity_requested").get<double>();
    TsneInfo info;
    const Eigen::MatrixXd Y = tsne(X, opt, &info);
    ASSERT_EQ(Y.rows(), X.rows());
    ASSERT_EQ(Y.cols(), 2);
    ASSERT_TRUE(Y.allFinite());
    EXPECT_NEAR(info.perplexity_used, rec.at("perplexity_used").get<double>(), 1e-12);
    EXPECT_GT(info.iterations, 250);
    EXPECT_GE(trustworthiness(X, Y, 5), rec.at("trustworthiness").get<double>() - 0.02);
    EXPECT_EQ(tsne(X, opt), Y);  // deterministic
  }
}

TEST(Tsne, TinyInputsAndBadOptions) {
  const Eigen::MatrixXd X = load_npy_eigen("tiny_X.npy");
  TsneOptions small;
  small.perplexity = 6.5;  // used as given: scikit-learn applies no (n - 1) / 3 cap
  TsneInfo info;
  const Eigen::MatrixXd Y = tsne(X, small, &info);
  EXPECT_DOUBLE_EQ(info.perplexity_used, 6.5);
  EXPECT_TRUE(Y.allFinite());
  small.perplexity = 7;  // not less than the 7 samples: scikit-learn raises, so does nsmlab
  EXPECT_THROW(tsne(X, small), Error);
  EXPECT_THROW(tsne(X, TsneOptions{}), Error);  // the default 30
  TsneOptions bad;
  bad.dims = 4;  // more than the 3 features
  EXPECT_THROW(tsne(X, bad), Error);
  EXPECT_THROW(tsne(Eigen::MatrixXd::Random(1, 3), TsneOptions{}), Error);
}

}  // namespace
}  // namespace nsmlab
