// The fast leave-one-out statistics give the numbers of the straightforward jackknife
// (n recomputations on n-1 items), on random data with every edge case the labels allow.
#include "analysis/leave_one_out.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "analysis/cluster_metrics.h"
#include "analysis/resampling.h"
#include "util/error.h"

namespace nsmlab {
namespace {

// What H1 computed before: the statistic on every item but one, n times (NaN where undefined).
std::vector<double> direct_silhouettes(const Eigen::MatrixXd& D, const std::vector<int>& labels) {
  const size_t n = labels.size();
  std::vector<double> out;
  for (size_t r = 0; r < n; ++r) {
    std::vector<int> l;
    std::vector<Eigen::Index> keep;
    for (size_t i = 0; i < n; ++i)
      if (i != r) keep.push_back(Eigen::Index(i)), l.push_back(labels[i]);
    const std::set<int> distinct(l.begin(), l.end());
    out.push_back(distinct.size() >= 2 && distinct.size() + 1 <= l.size() ? silhouette_score_precomputed(D(keep, keep), l)
                                                                           : NAN);
  }
  return out;
}

std::vector<double> direct_purities(const std::vector<int>& truth, const std::vector<int>& pred) {
  std::vector<double> out;
  for (size_t r = 0; r < truth.size(); ++r) {
    std::vector<int> t = truth, p = pred;
    t.erase(t.begin() + std::ptrdiff_t(r));
    p.erase(p.begin() + std::ptrdiff_t(r));
    out.push_back(purity_hungarian(t, p));
  }
  return out;
}

void expect_same(const std::vector<double>& fast, const std::vector<double>& direct, double tolerance) {
  ASSERT_EQ(fast.size(), direct.size());
  for (size_t i = 0; i < fast.size(); ++i) {
    if (std::isnan(direct[i])) {
      EXPECT_TRUE(std::isnan(fast[i])) << "item " << i;
    } else {
      EXPECT_NEAR(fast[i], direct[i], tolerance) << "item " << i;
    }
  }
}

struct Case {
  size_t n, dims, clusters;
  bool singletons, duplicates;
};

TEST(LeaveOneOut, SilhouettesAndPuritiesMatchTheDirectJackknife) {
  std::mt19937_64 rng(20261127);
  const Case cases[] = {{4, 2, 2, false, false},   {5, 3, 2, true, false},   {12, 4, 3, true, true},
                        {40, 8, 5, false, false},  {60, 16, 11, true, true}, {90, 5, 2, false, true},
                        {120, 32, 16, true, false}};
  for (const Case& c : cases) {
    std::normal_distribution<double> g(0.0, 1.0);
    std::uniform_int_distribution<int> label(0, int(c.clusters) - 1);
    Eigen::MatrixXd X(Eigen::Index(c.n), Eigen::Index(c.dims));
    std::vector<int> clusters(c.n), truth(c.n);
    for (size_t i = 0; i < c.n; ++i) {
      clusters[i] = label(rng) * 7 - 3;  // arbitrary label values, as k-means or -1 noise might give
      truth[i] = label(rng);
      for (size_t j = 0; j < c.dims; ++j) X(Eigen::Index(i), Eigen::Index(j)) = g(rng) + clusters[i];
    }
    if (c.singletons) clusters[0] = 1000, truth[0] = 99;  // a cluster and a category of one item
    if (c.duplicates) X.row(1) = X.row(2), clusters[1] = clusters[2];  // distance 0 between them
    const Eigen::MatrixXd D = euclidean_distances(X);
    SCOPED_TRACE(::testing::Message() << "n=" << c.n << " k=" << c.clusters);
    expect_same(leave_one_out_silhouettes(D, clusters), direct_silhouettes(D, clusters), 1e-12);
    const std::vector<double> fast = leave_one_out_purities(truth, clusters), direct = direct_purities(truth, clusters);
    EXPECT_EQ(fast, direct);  // exactly: the same Hungarian problem is solved
    // And so the intervals built from them.
    const JackknifeResult a = jackknife_from(leave_one_out_silhouettes(D, clusters), 0.3, 0.95);
    const JackknifeResult b = jackknife_from(direct_silhouettes(D, clusters), 0.3, 0.95);
    EXPECT_NEAR(a.standard_error, b.standard_error, 1e-12);
  }
}

TEST(LeaveOneOut, UndefinedSilhouettesAreNaN) {
  // Two clusters, one of a single item: leaving that item out leaves one label.
  Eigen::MatrixXd X(4, 1);
  X << 0, 1, 2, 10;
  const std::vector<double> s = leave_one_out_silhouettes(euclidean_distances(X), {0, 0, 0, 1});
  EXPECT_TRUE(std::isnan(s[3]));
  EXPECT_FALSE(std::isnan(s[0]));
  // Three items in three clusters: two left in two labels is more than n-1 = 1 label.
  Eigen::MatrixXd Y(3, 1);
  Y << 0, 1, 2;
  for (double v : leave_one_out_silhouettes(euclidean_distances(Y), {0, 1, 2})) EXPECT_TRUE(std::isnan(v));
}

TEST(LeaveOneOut, RejectsMismatchedInput) {
  EXPECT_THROW(leave_one_out_silhouettes(Eigen::MatrixXd::Zero(3, 3), {0, 1}), Error);
  EXPECT_THROW(leave_one_out_purities({0, 1}, {0}), Error);
  EXPECT_THROW(leave_one_out_purities({0}, {0}), Error);
}

TEST(Jackknife, FromValuesMatchesTheCallbackForm) {
  const std::vector<double> x = {2.0, 3.5, 1.0, 7.25, 4.0, 0.5, 3.0};
  auto stat = [&](const std::vector<size_t>& idx) {
    double s = 0;
    for (size_t i : idx) s += x[i];
    return idx.size() == 6 && idx[0] == 1 ? NAN : s / double(idx.size());  // leaving out item 0: NaN, dropped
  };
  const JackknifeResult a = jackknife(x.size(), 3.0, 0.9, stat);
  std::vector<double> values;
  for (size_t r = 0; r < x.size(); ++r) {
    std::vector<size_t> idx;
    for (size_t i = 0; i < x.size(); ++i)
      if (i != r) idx.push_back(i);
    values.push_back(stat(idx));
  }
  const JackknifeResult b = jackknife_from(values, 3.0, 0.9);
  EXPECT_EQ(a.leave_one_out.size(), 6u);
  EXPECT_EQ(a.leave_one_out, b.leave_one_out);
  EXPECT_EQ(a.standard_error, b.standard_error);
  EXPECT_THROW(jackknife_from(values, 3.0, 1.5), Error);
}

}  // namespace
}  // namespace nsmlab
