#include "analysis/kmeans.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "util/error.h"
#include "util/parallel_errors.h"

namespace nsmlab {
namespace {

struct Run {
  std::vector<int> labels;
  Eigen::MatrixXd centers;  // d x k
  double inertia = 0;
  int iterations = 0;
};

// E-step: nearest center of each sample; returns the squared distance to it.
Eigen::VectorXd assign(const Eigen::MatrixXd& Xt, const Eigen::MatrixXd& C, std::vector<int>& labels) {
  const Eigen::Index n = Xt.cols(), k = C.cols();
  Eigen::VectorXd dist(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    double best = std::numeric_limits<double>::infinity();
    int arg = 0;
    for (Eigen::Index c = 0; c < k; ++c) {
      const double d2 = (Xt.col(i) - C.col(c)).squaredNorm();
      if (d2 < best) {
        best = d2;
        arg = int(c);
      }
    }
    labels[size_t(i)] = arg;
    dist[i] = best;
  }
  return dist;
}

// M-step. An empty cluster takes the sample farthest from its own center (sklearn's
// relocation), so k clusters always stay in play.
Eigen::MatrixXd update_centers(const Eigen::MatrixXd& Xt, const std::vector<int>& labels,
                               const Eigen::VectorXd& dist, Eigen::Index k) {
  const Eigen::Index d = Xt.rows(), n = Xt.cols();
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(d, k);
  std::vector<double> counts(size_t(k), 0.0);
  for (Eigen::Index i = 0; i < n; ++i) {
    sums.col(labels[size_t(i)]) += Xt.col(i);
    counts[size_t(labels[size_t(i)])] += 1;
  }
  std::vector<Eigen::Index> empty;
  for (Eigen::Index c = 0; c < k; ++c)
    if (counts[size_t(c)] == 0) empty.push_back(c);
  if (!empty.empty()) {
    std::vector<Eigen::Index> far(static_cast<size_t>(n));
    std::iota(far.begin(), far.end(), 0);
    std::stable_sort(far.begin(), far.end(), [&](Eigen::Index a, Eigen::Index b) { return dist[a] > dist[b]; });
    for (size_t e = 0; e < empty.size(); ++e) {
      const Eigen::Index point = far[e], from = labels[size_t(point)];
      sums.col(from) -= Xt.col(point);
      counts[size_t(from)] -= 1;
      sums.col(empty[e]) = Xt.col(point);
      counts[size_t(empty[e])] = 1;
    }
  }
  for (Eigen::Index c = 0; c < k; ++c)
    if (counts[size_t(c)] > 0) sums.col(c) /= counts[size_t(c)];
  return sums;
}

Run lloyd(const Eigen::MatrixXd& Xt, const KMeansOptions& opt, double tolerance, uint64_t run_seed) {
  std::mt19937_64 rng(run_seed);
  const std::vector<size_t> seeds = kmeans_plusplus(Xt, opt.k, rng);
  Run r;
  r.centers.resize(Xt.rows(), opt.k);
  for (int c = 0; c < opt.k; ++c) r.centers.col(c) = Xt.col(Eigen::Index(seeds[size_t(c)]));
  r.labels.assign(size_t(Xt.cols()), -1);
  std::vector<int> previous(size_t(Xt.cols()), -1);
  bool strict = false;
  for (int it = 0; it < opt.max_iter; ++it) {
    const Eigen::VectorXd dist = assign(Xt, r.centers, r.labels);
    Eigen::MatrixXd next = update_centers(Xt, r.labels, dist, opt.k);
    const double shift = (next - r.centers).squaredNorm();
    r.centers = std::move(next);
    r.iterations = it + 1;
    if (r.labels == previous) {  // labels stable: converged exactly
      strict = true;
      break;
    }
    if (shift <= tolerance) break;
    previous = r.labels;
  }
  // Labels must match the final centers (they moved after the last assignment).
  if (!strict) assign(Xt, r.centers, r.labels);
  r.inertia = 0;
  for (Eigen::Index i = 0; i < Xt.cols(); ++i) r.inertia += (Xt.col(i) - r.centers.col(r.labels[size_t(i)])).squaredNorm();
  return r;
}

}  // namespace

KMeansResult kmeans(const Eigen::MatrixXd& X, const KMeansOptions& opt) {
  const Eigen::Index n = X.rows();
  if (opt.k < 1 || opt.k > n) fail("kmeans: k must be between 1 and the number of samples ({}), got {}", n, opt.k);
  if (opt.n_init < 1) fail("kmeans: n_init must be >= 1, got {}", opt.n_init);
  if (opt.max_iter < 1) fail("kmeans: max_iter must be >= 1, got {}", opt.max_iter);
  if (!(opt.tol >= 0)) fail("kmeans: tol must be >= 0, got {}", opt.tol);
  if (!X.allFinite()) fail("kmeans: the {}x{} data holds NaN or infinite values", n, X.cols());

  const Eigen::MatrixXd Xt = X.transpose();  // one sample per column: contiguous distance loops
  // Tolerance relative to the data's scale: mean per-feature variance (ddof 0), as sklearn.
  const Eigen::RowVectorXd mean = X.colwise().mean();
  const double tolerance = opt.tol * (X.rowwise() - mean).array().square().colwise().mean().mean();

  // One seed per restart drawn up front: restarts can then run in parallel yet the
  // result does not depend on the number of threads.
  std::mt19937_64 master(opt.seed);
  std::vector<uint64_t> run_seeds(size_t(opt.n_init));
  for (uint64_t& s : run_seeds) s = master();
  std::vector<Run> runs(size_t(opt.n_init));
  const double work = double(n) * double(X.cols()) * opt.k * opt.n_init;
  ParallelErrors errors;  // std::bad_alloc must not leave the parallel region
#pragma omp parallel for schedule(dynamic) if (work > 2e5)
  for (int r = 0; r < opt.n_init; ++r)
    errors.capture(size_t(r), [&] { runs[size_t(r)] = lloyd(Xt, opt, tolerance, run_seeds[size_t(r)]); });
  errors.rethrow();

  size_t best = 0;
  for (size_t r = 1; r < runs.size(); ++r)
    if (runs[r].inertia < runs[best].inertia) best = r;
  KMeansResult out;
  out.labels = std::move(runs[best].labels);
  out.centers = runs[best].centers.transpose();
  out.inertia = runs[best].inertia;
  out.iterations = runs[best].iterations;
  return out;
}

}  // namespace nsmlab
