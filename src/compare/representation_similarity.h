// How much two models agree about the same items (the primes), whatever their dimensions:
// linear CKA of the embedding matrices (Kornblith et al. 2019) and RSA, the Spearman
// correlation of their pairwise-distance matrices (Kriegeskorte et al. 2008).
// NaN where a value is undefined (an embedding matrix or a distance vector without variance).
#pragma once
#include <vector>

#include "util/matrix.h"

namespace nsmlab {

// Linear CKA: with X, Y column-centred (n x d1, n x d2),
// ||Yᵀ X||²_F / (||Xᵀ X||_F · ||Yᵀ Y||_F). Rows must match (the same items in the same order).
double linear_cka(const Matrix& x, const Matrix& y);

// The n(n-1)/2 cosine distances 1 - cos(x_i, x_j) for i < j, in scipy's pdist order.
std::vector<double> pairwise_cosine_distances(const Matrix& x);

// Spearman's rho: Pearson correlation of the ranks, ties given their average rank (scipy's
// spearmanr). NaN when a side is constant or holds a NaN.
double spearman_correlation(const std::vector<double>& a, const std::vector<double>& b);

// RSA: spearman_correlation of the two models' pairwise cosine distances.
double rsa_spearman(const Matrix& x, const Matrix& y);

}  // namespace nsmlab
