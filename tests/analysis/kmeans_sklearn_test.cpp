#include "analysis/kmeans_sklearn.h"

#include <gtest/gtest.h>

#include "analysis_fixtures.h"
#include "util/error.h"

namespace nsmlab {
namespace {

using testing::analysis_expected;
using testing::load_npy_eigen;

// Label for label against KMeans(n_clusters=k, n_init=20, random_state=42) on the float32
// data, as recorded by tools/fixtures/make_analysis_fixtures.py (with the scikit-learn it
// ran; tests/sklearn_check/kmeans_labels.py checks many more sets against it live).
TEST(KMeansSklearn, SameLabelsAsScikitLearn) {
  for (const std::string name : {"blobs", "structured"}) {
    SCOPED_TRACE(name);
    const Json& rec = analysis_expected().at("datasets").at(name).at("kmeans_float32");
    SklearnKMeansOptions opt;
    opt.k = rec.at("k").get<int>();
    opt.version = parse_sklearn_kmeans_version(rec.at("sklearn_family").get<std::string>()).value();
    const KMeansResult r = kmeans_sklearn(load_npy_eigen(name + "_X.npy"), opt);
    EXPECT_EQ(r.labels, rec.at("labels").get<std::vector<int>>());
    EXPECT_NEAR(r.inertia, rec.at("inertia").get<double>(), 1e-5 * rec.at("inertia").get<double>());
    EXPECT_EQ(r.iterations, rec.at("n_iter").get<int>());
    EXPECT_EQ(r.centers.rows(), opt.k);
  }
}

TEST(KMeansSklearn, VersionNamesAndBadOptions) {
  for (const std::string name : {"sklearn", "sklearn-1.2", "sklearn-1.8"})
    EXPECT_EQ(sklearn_kmeans_version_name(parse_sklearn_kmeans_version(name).value()), name);
  EXPECT_FALSE(parse_sklearn_kmeans_version("nsmlab").has_value());
  const Eigen::MatrixXd X = Eigen::MatrixXd::Random(6, 3);
  SklearnKMeansOptions opt;
  opt.k = 7;
  EXPECT_THROW(kmeans_sklearn(X, opt), Error);
  opt.k = 2;
  opt.n_init = 0;
  EXPECT_THROW(kmeans_sklearn(X, opt), Error);
  opt.n_init = 3;
  Eigen::MatrixXd bad = X;
  bad(1, 1) = 1e300;  // finite in float64, infinite in float32
  EXPECT_THROW(kmeans_sklearn(bad, opt), Error);
  // The versions draw differently but all give a k-clustering of every sample.
  for (auto v : {SklearnKMeansVersion::v1_2, SklearnKMeansVersion::v1_3, SklearnKMeansVersion::v1_8}) {
    opt.version = v;
    const KMeansResult r = kmeans_sklearn(X, opt);
    ASSERT_EQ(r.labels.size(), 6u);
    for (int l : r.labels) EXPECT_TRUE(l == 0 || l == 1);
  }
}

}  // namespace
}  // namespace nsmlab
