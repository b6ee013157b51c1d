// H3's statistics over a corpus too big for one process: the ranks of an MPI job (or one
// process) each hold a share of the rows, and every sum the statistics need is added over the
// ranks (MPI_Allreduce), so no process ever holds the corpus.
//
// Three passes over each rank's rows: (1) the sum of the rows -> the mean; (2) the centred
// cross-products -> the d x d covariance, whose eigenvectors are the principal components
// (signs as scikit-learn >= 1.5: each component's largest |loading| positive, as analysis/pca.h);
// (3) each row's scores on the components and the isotopies found in its text -> the sums behind
// Pearson's r of each isotopy's presence with each component. The point estimates equal run_h3's
// (experiments/h3_isotopies.h) to rounding; the permutation p-values, which shuffle the whole
// corpus, are not computed.
#pragma once
#include <Eigen/Dense>
#include <functional>
#include <string>

#include "experiments/dataset.h"
#include "experiments/experiment_options.h"
#include "stream/ranks.h"
#include "util/json_file.h"

namespace nsmlab {

// One row of `columns` values and its text (empty when the pass needs no texts).
using CorpusRowVisitor = std::function<void(const float* row, const std::string& text)>;
// Visits this rank's rows, the same rows in the same order on every call.
using CorpusRows = std::function<void(bool with_texts, const CorpusRowVisitor& visit)>;

struct CorpusPca {
  size_t rows = 0;                      // in the whole corpus
  Eigen::RowVectorXd mean;              // 1 x d
  Eigen::MatrixXd components;           // k x d, unit rows, strongest first
  Eigen::VectorXd explained_variance;   // ddof = 1
  Eigen::VectorXd explained_variance_ratio;
};

// Collective: every rank calls it with its own rows. Components: min(max_components, rows - 1, d).
CorpusPca corpus_pca(const Ranks& ranks, size_t columns, const CorpusRows& rows, int max_components);

// Collective. The "h3" point estimates of run_h3 for the whole corpus (same field names), with
// "p_value" null and "significance" saying why.
Json corpus_h3(const Ranks& ranks, size_t columns, const CorpusRows& rows, const Dataset& dataset,
               const std::string& language, const H3Options& options);

}  // namespace nsmlab
