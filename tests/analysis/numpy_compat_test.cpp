// numpy's legacy RandomState and float32 sum, against values printed by numpy 1.24:
//   rs = np.random.RandomState(42); rs.randint(2**32, dtype=np.uint64)  (x3)
//   rs = np.random.RandomState(42); rs.randint(54) (x5); rs.random_sample()
//   rs = np.random.RandomState(7); rs.choice(61, p=w / w.sum()) (x2), w = np.ones(61, np.float32)
//   a = np.arange(1, 300, dtype=np.float32) * np.float32(0.1); a[::7] *= np.float32(1e4)
//   a.sum(), a[:100].sum(), a[:5].sum(); np.einsum("ij,ij->i", a[None, :m], a[None, :m]) for m = 299, 16, 5, 37
#include <gtest/gtest.h>

#include <vector>

#include "analysis/numpy_random.h"
#include "analysis/numpy_sum.h"
#include "util/error.h"

namespace nsmlab {
namespace {

TEST(NumpyRandomState, SeedsLikeRandomStateOfAnInteger) {
  NumpyRandomState raw(42);
  EXPECT_EQ(raw.next_uint32(), 1608637542u);
  EXPECT_EQ(raw.next_uint32(), 3421126067u);
  EXPECT_EQ(raw.next_uint32(), 4083286876u);
}

TEST(NumpyRandomState, RandintAndRandomSample) {
  NumpyRandomState rs(42);
  for (int64_t expected : {38, 51, 28, 14, 42}) EXPECT_EQ(rs.randint(54), expected);
  EXPECT_EQ(rs.random_sample(), 0.7796910002727693);
  EXPECT_EQ(NumpyRandomState(3).randint(1), 0);  // a single value draws nothing
  EXPECT_THROW(rs.randint(0), Error);
}

TEST(NumpyRandomState, ChoiceWithFloat32Weights) {
  NumpyRandomState rs(7);
  const std::vector<double> p(61, double(1.0f / 61.0f));
  EXPECT_EQ(rs.choice(p), 4);
  EXPECT_EQ(rs.choice(p), 47);
  EXPECT_THROW(rs.choice({}), Error);
}

TEST(NumpyPairwiseSum, SameFloat32AsNumpy) {
  std::vector<float> a;
  for (int i = 1; i < 300; ++i) a.push_back(float(i) * 0.1f);
  for (size_t i = 0; i < a.size(); i += 7) a[i] *= 1e4f;
  EXPECT_EQ(numpy_pairwise_sum(a.data(), a.size()), 6367849.0f);  // split in halves
  EXPECT_EQ(numpy_pairwise_sum(a.data(), 100), 750430.0f);        // one block, 8 accumulators
  EXPECT_EQ(numpy_pairwise_sum(a.data(), 5), 1001.4000244140625f);  // plain loop
  EXPECT_EQ(numpy_pairwise_sum(a.data(), 0), 0.0f);
}

TEST(NumpyEinsumSquaredNorm, SameFloat32AsNumpy) {
  std::vector<float> a;
  for (int i = 1; i < 300; ++i) a.push_back(float(i) * 0.1f);
  for (size_t i = 0; i < a.size(); i += 7) a[i] *= 1e4f;
  EXPECT_EQ(numpy_einsum_squared_norm(a.data(), 299), 1266350030848.0f);
  EXPECT_EQ(numpy_einsum_squared_norm(a.data(), 16), 290000000.0f);
  EXPECT_EQ(numpy_einsum_squared_norm(a.data(), 5), 1000000.5625f);
  EXPECT_EQ(numpy_einsum_squared_norm(a.data(), 37), 2911000064.0f);
}

}  // namespace
}  // namespace nsmlab
