// H1: do the semantic primes cluster by category?
//
// The original: k-means (k = number of categories, n_init 20, seed 42; by default
// scikit-learn's own draws, see H1Options::kmeans) on the primes' embeddings, purity by Hungarian matching, silhouette of the k-means labels; H1 holds
// if purity > 0.7 and silhouette > 0.5; t-SNE 2-D for the plot. Added here: ARI, NMI,
// the silhouette of the true categories, permutation p-values and jackknife (leave one
// prime out) intervals: a bootstrap would duplicate primes and bias both scores upwards.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "experiments/dataset.h"
#include "experiments/experiment_options.h"
#include "util/json_file.h"
#include "util/matrix.h"

namespace nsmlab {

// The categories present among `primes`, in the dataset's chart order (categories the
// dataset does not list come after, in order of appearance), and each prime's index.
struct CategoryLabels {
  std::vector<std::string> categories;
  std::vector<int> labels;
};
CategoryLabels category_labels(const std::vector<const Prime*>& primes, const Dataset& dataset);

// Agreement between the true categories and a clustering of the rows of X.
struct ClusteringScores {
  double purity = 0, silhouette = 0, ari = 0, nmi = 0;
};
ClusteringScores score_clustering(const Eigen::MatrixXd& X, const std::vector<int>& truth,
                                  const std::vector<int>& clusters);

// The names H1Options::kmeans accepts, for help texts and errors.
inline constexpr const char* kH1KMeansChoices = "sklearn, sklearn-1.2, sklearn-1.8 or nsmlab";

// `prime_embeddings` row i encodes primes[i]. Returns the "h1" fragment of results.json.
Json run_h1(const Matrix& prime_embeddings, const std::vector<const Prime*>& primes, const Dataset& dataset,
            const H1Options& options, const SignificanceOptions& significance);

}  // namespace nsmlab
