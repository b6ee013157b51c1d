// H2: are Greimas semiotic squares geometric?
//
// For each square, with cosine distance d (1 - cos): contraries d(S1,S2),
// contradictories d(S1,non_S1) and d(S2,non_S2), complementary d(non_S1,S2). A square is
// valid if the contraries are closer than both contradictories. Rate = valid / analysed;
// H2 holds if rate > 0.70 (the original). Squares naming a prime that was not encoded are
// skipped and reported in "skipped" and "warnings" (the caller prints the warnings).
// A square whose margin (closer contradictory minus contraries) is within kSquareTieTolerance
// of zero is a "tie": float noise, not geometry, would decide it, so it is not counted valid.
// Added: a permutation p-value (the four primes of each square shuffled over the roles)
// and a bootstrap interval of the rate over squares.
#pragma once
#include <vector>

#include "experiments/dataset.h"
#include "experiments/experiment_options.h"
#include "util/json_file.h"
#include "util/matrix.h"

namespace nsmlab {

// Embeddings are float32 (epsilon 1.2e-7) and the same text encoded by two backends, thread
// counts or batch shapes differs by about 1e-6 in cosine: a margin below 1e-6 is not resolved.
inline constexpr double kSquareTieTolerance = 1e-6;

// `prime_embeddings` row i encodes primes[i]. Returns the "h2" fragment of results.json.
Json run_h2(const Matrix& prime_embeddings, const std::vector<const Prime*>& primes, const Dataset& dataset,
            const H2Options& options, const SignificanceOptions& significance);

}  // namespace nsmlab
