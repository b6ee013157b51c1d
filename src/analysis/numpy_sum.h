// How numpy sums a contiguous float32 array (ndarray.sum over a contiguous axis): pairwise
// summation in float32, eight accumulators per block of at most 128 values. Needed where
// scikit-learn's decisions depend on float32 sums, to make the same decisions.
#pragma once
#include <cstddef>

namespace nsmlab {

float numpy_pairwise_sum(const float* a, size_t n);

// numpy's einsum("ij,ij->i") on a float32 row (scikit-learn's row_norms(squared=True)), as
// numpy 1.24 built for the x86-64 baseline computes it: four SSE lanes, multiply then add
// (no FMA), blocks of sixteen folded from the last vector to the first, lanes summed by two
// horizontal adds. Other numpy builds may use wider vectors and round differently.
float numpy_einsum_squared_norm(const float* a, size_t n);

}  // namespace nsmlab
