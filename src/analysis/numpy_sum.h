// How numpy sums a contiguous float32 array (ndarray.sum over a contiguous axis): pairwise
// summation in float32, eight accumulators per block of at most 128 values. Needed where
// scikit-learn's decisions depend on float32 sums, to make the same decisions.
#pragma once
#include <cstddef>

namespace nsmlab {

float numpy_pairwise_sum(const float* a, size_t n);

}  // namespace nsmlab
