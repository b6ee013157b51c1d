// Compiled with -ffp-contract=off (CMakeLists.txt): a fused multiply-add would round
// differently from scikit-learn's float32 arithmetic.
#include "analysis/kmeans_sklearn.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "analysis/numpy_random.h"
#include "analysis/numpy_sum.h"
#include "util/error.h"

namespace nsmlab {
namespace {

// Row-major float32 samples, as scikit-learn holds them.
struct Samples {
  size_t n = 0, d = 0;
  std::vector<float> x;
  const float* row(size_t i) const { return x.data() + i * d; }
};

// scikit-learn's _euclidean_dense_dense: four features per step, added left to right.
float squared_distance(const float* a, const float* b, size_t d) {
  float result = 0;
  size_t i = 0;
  for (; i + 4 <= d; i += 4) {
    result += (a[i] - b[i]) * (a[i] - b[i]) + (a[i + 1] - b[i + 1]) * (a[i + 1] - b[i + 1]) +
              (a[i + 2] - b[i + 2]) * (a[i + 2] - b[i + 2]) + (a[i + 3] - b[i + 3]) * (a[i + 3] - b[i + 3]);
  }
  for (; i < d; ++i) result += (a[i] - b[i]) * (a[i] - b[i]);
  return result;
}

double dot64(const float* a, const float* b, size_t d) {
  double s = 0;
  for (size_t i = 0; i < d; ++i) s += double(a[i]) * double(b[i]);
  return s;
}

// A float32 dot product as OpenBLAS's sgemm kernels accumulate each output element: one
// fused multiply-add per feature, in order.
float blas_dot(const float* a, const float* b, size_t d) {
  float acc = 0;
  for (size_t i = 0; i < d; ++i) acc = std::fma(a[i], b[i], acc);
  return acc;
}

// Column means over the samples as numpy's mean(axis=0): float32, row after row.
std::vector<float> column_means(const Samples& s) {
  std::vector<float> mean(s.d, 0.0f);
  for (size_t i = 0; i < s.n; ++i)
    for (size_t j = 0; j < s.d; ++j) mean[j] += s.row(i)[j];
  for (float& m : mean) m = float(double(m) / double(s.n));
  return mean;
}

// tol * mean(np.var(X, axis=0)), all in float32 as numpy computes it.
double tolerance(const Samples& s, double tol) {
  if (tol == 0) return 0;
  const std::vector<float> mean = column_means(s);
  std::vector<float> var(s.d, 0.0f);
  for (size_t i = 0; i < s.n; ++i)
    for (size_t j = 0; j < s.d; ++j) {
      const float c = s.row(i)[j] - mean[j];
      var[j] += c * c;
    }
  for (float& v : var) v = float(double(v) / double(s.n));
  const float mean_var = float(double(numpy_pairwise_sum(var.data(), var.size())) / double(s.d));
  return double(mean_var) * tol;
}

// Squared distances from sample c to every sample, as scikit-learn's _euclidean_distances
// on float32 input: in float64 (-2 x.y + |x|^2 + |y|^2), rounded to float32, clipped at 0.
std::vector<float> distances_from(const Samples& s, const std::vector<double>& norms, size_t c) {
  std::vector<float> out(s.n);
  for (size_t j = 0; j < s.n; ++j) {
    double v = -2.0 * dot64(s.row(c), s.row(j), s.d);
    v += norms[c];
    v += norms[j];
    out[j] = std::max(float(v), 0.0f);
  }
  return out;
}

// The potential (sum of the closest squared distances): numpy's float32 sum before 1.3,
// a float32 dot product with the unit weights since (BLAS: summed in float64, rounded).
float potential(const std::vector<float>& closest, SklearnKMeansVersion version) {
  if (version == SklearnKMeansVersion::v1_2) return numpy_pairwise_sum(closest.data(), closest.size());
  double s = 0;
  for (float v : closest) s += v;
  return float(s);
}

std::vector<size_t> plusplus(const Samples& s, const std::vector<double>& norms, int k, NumpyRandomState& rs,
                             SklearnKMeansVersion version) {
  const int trials = 2 + int(std::log(double(k)));
  std::vector<size_t> chosen;
  if (version == SklearnKMeansVersion::v1_2) {
    chosen.push_back(size_t(rs.randint(int64_t(s.n))));
  } else {  // choice(n, p=sample_weight / sample_weight.sum()) with float32 unit weights
    const double p = double(1.0f / float(s.n));
    chosen.push_back(size_t(rs.choice(std::vector<double>(s.n, p))));
  }
  std::vector<float> closest = distances_from(s, norms, chosen[0]);
  float pot = potential(closest, version);
  std::vector<double> cumulative(s.n);
  for (int c = 1; c < k; ++c) {
    std::vector<double> targets(static_cast<size_t>(trials));
    for (double& t : targets) t = rs.random_sample() * double(pot);
    if (version == SklearnKMeansVersion::v1_8) {  // np.cumsum of float32
      float running = 0;
      for (size_t i = 0; i < s.n; ++i) cumulative[i] = running += closest[i];
    } else {  // stable_cumsum: float64
      double running = 0;
      for (size_t i = 0; i < s.n; ++i) cumulative[i] = running += closest[i];
    }
    float best_pot = 0;
    size_t best = 0;
    std::vector<float> best_closest;
    for (int t = 0; t < trials; ++t) {
      // searchsorted (left), clipped: rounding can overshoot the last bucket
      size_t candidate = size_t(std::lower_bound(cumulative.begin(), cumulative.end(), targets[size_t(t)]) -
                                cumulative.begin());
      candidate = std::min(candidate, s.n - 1);
      std::vector<float> updated = distances_from(s, norms, candidate);
      for (size_t i = 0; i < s.n; ++i) updated[i] = std::min(closest[i], updated[i]);
      const float p = potential(updated, version);
      if (t == 0 || p < best_pot) {  // argmin: the first of equal potentials
        best_pot = p;
        best = candidate;
        best_closest = std::move(updated);
      }
    }
    chosen.push_back(best);
    closest = std::move(best_closest);
    pot = best_pot;
  }
  return chosen;
}

struct Run {
  std::vector<int> labels;
  std::vector<float> centers;  // k x d, row-major
  float inertia = 0;
  int iterations = 0;
};

// One Lloyd step (lloyd_iter_chunked_dense): nearest centre of each sample and, when
// update is set, the new centres with the relocation of empty clusters and their shift.
void lloyd_step(const Samples& s, size_t k, const std::vector<float>& centers, std::vector<float>& centers_new,
                std::vector<int>& labels, std::vector<float>& shift, bool update) {
  const size_t d = s.d;
  std::vector<float> centre_norms(k);
  // row_norms(centers): numpy's float32 einsum, rounded as numpy rounds it (near-ties depend on it)
  for (size_t j = 0; j < k; ++j) centre_norms[j] = numpy_einsum_squared_norm(&centers[j * d], d);
  std::vector<float> weights(k, 0.0f);
  if (update) std::fill(centers_new.begin(), centers_new.end(), 0.0f);
  for (size_t i = 0; i < s.n; ++i) {
    // |c|^2 - 2 x.c: the part of the squared distance that depends on the centre
    float best = 0;
    int label = 0;
    for (size_t j = 0; j < k; ++j) {
      const float score = centre_norms[j] + -2.0f * blas_dot(s.row(i), &centers[j * d], d);
      if (j == 0 || score < best) {
        best = score;
        label = int(j);
      }
    }
    labels[i] = label;
    if (update) {
      weights[size_t(label)] += 1.0f;
      for (size_t f = 0; f < d; ++f) centers_new[size_t(label) * d + f] += s.row(i)[f];
    }
  }
  if (!update) return;

  // Empty clusters take the samples farthest from their (old) centres, farthest first.
  std::vector<size_t> empty;
  for (size_t j = 0; j < k; ++j)
    if (weights[j] == 0) empty.push_back(j);
  if (!empty.empty()) {
    std::vector<float> far(s.n), diff(d);
    for (size_t i = 0; i < s.n; ++i) {
      for (size_t f = 0; f < d; ++f) {
        const float delta = s.row(i)[f] - centers[size_t(labels[i]) * d + f];
        diff[f] = delta * delta;
      }
      far[i] = numpy_pairwise_sum(diff.data(), d);
    }
    if (*std::max_element(far.begin(), far.end()) > 0) {
      std::vector<size_t> order(s.n);
      std::iota(order.begin(), order.end(), 0);
      // numpy's argpartition leaves equal distances in no set order; take the lowest index
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return far[a] > far[b]; });
      for (size_t e = 0; e < empty.size() && e < s.n; ++e) {
        const size_t sample = order[e], from = size_t(labels[sample]), to = empty[e];
        for (size_t f = 0; f < d; ++f) {
          centers_new[from * d + f] -= s.row(sample)[f];
          centers_new[to * d + f] = s.row(sample)[f];
        }
        weights[to] = 1.0f;
        weights[from] -= 1.0f;
      }
    }
  }
  // Averages: multiplied by a float32 reciprocal, as scikit-learn does.
  const size_t biggest = size_t(std::max_element(weights.begin(), weights.end()) - weights.begin());
  for (size_t j = 0; j < k; ++j) {
    if (weights[j] > 0) {
      const float alpha = float(1.0 / double(weights[j]));
      for (size_t f = 0; f < d; ++f) centers_new[j * d + f] *= alpha;
    } else {  // nothing to relocate (all samples on their centres): sit on the biggest cluster
      for (size_t f = 0; f < d; ++f) centers_new[j * d + f] = centers_new[biggest * d + f];
    }
  }
  for (size_t j = 0; j < k; ++j) shift[j] = std::sqrt(squared_distance(&centers_new[j * d], &centers[j * d], d));
}

Run lloyd(const Samples& s, size_t k, std::vector<float> centers, int max_iter, double tol) {
  Run r;
  r.labels.assign(s.n, -1);
  std::vector<int> previous(s.n, -1);
  std::vector<float> centers_new(centers.size()), shift(k), shift_sq(k);
  bool strict = false;
  int it = 0;
  for (; it < max_iter; ++it) {
    lloyd_step(s, k, centers, centers_new, r.labels, shift, true);
    std::swap(centers, centers_new);
    if (r.labels == previous) {  // labels unchanged: converged exactly
      strict = true;
      break;
    }
    for (size_t j = 0; j < k; ++j) shift_sq[j] = shift[j] * shift[j];
    if (double(numpy_pairwise_sum(shift_sq.data(), k)) <= tol) break;
    previous = r.labels;
  }
  r.iterations = std::min(it + 1, max_iter);
  // The centres moved after the last assignment: assign again so labels match them.
  if (!strict) lloyd_step(s, k, centers, centers_new, r.labels, shift, false);
  for (size_t i = 0; i < s.n; ++i) r.inertia += squared_distance(s.row(i), &centers[size_t(r.labels[i]) * s.d], s.d);
  r.centers = std::move(centers);
  return r;
}

// The same partition under another numbering (scikit-learn's _is_same_clustering).
bool same_clustering(const std::vector<int>& a, const std::vector<int>& b, size_t k) {
  std::vector<int> mapping(k, -1);
  for (size_t i = 0; i < a.size(); ++i) {
    int& m = mapping[size_t(a[i])];
    if (m == -1) m = b[i];
    else if (m != b[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<SklearnKMeansVersion> parse_sklearn_kmeans_version(const std::string& name) {
  if (name == "sklearn-1.2") return SklearnKMeansVersion::v1_2;
  if (name == "sklearn") return SklearnKMeansVersion::v1_3;
  if (name == "sklearn-1.8") return SklearnKMeansVersion::v1_8;
  return std::nullopt;
}

std::string sklearn_kmeans_version_name(SklearnKMeansVersion version) {
  switch (version) {
    case SklearnKMeansVersion::v1_2: return "sklearn-1.2";
    case SklearnKMeansVersion::v1_3: return "sklearn";
    case SklearnKMeansVersion::v1_8: return "sklearn-1.8";
  }
  return "sklearn";
}

KMeansResult kmeans_sklearn(const Eigen::MatrixXd& X, const SklearnKMeansOptions& opt) {
  const Eigen::Index n = X.rows();
  if (opt.k < 1 || opt.k > n) fail("kmeans (scikit-learn): k must be between 1 and the number of samples ({}), got {}", n, opt.k);
  if (opt.n_init < 1) fail("kmeans (scikit-learn): n_init must be >= 1, got {}", opt.n_init);
  if (opt.max_iter < 1) fail("kmeans (scikit-learn): max_iter must be >= 1, got {}", opt.max_iter);
  if (!(opt.tol >= 0)) fail("kmeans (scikit-learn): tol must be >= 0, got {}", opt.tol);
  if (!X.allFinite()) fail("kmeans (scikit-learn): the {}x{} data holds NaN or infinite values", n, X.cols());

  Samples s;
  s.n = size_t(n);
  s.d = size_t(X.cols());
  s.x.resize(s.n * s.d);
  for (size_t i = 0; i < s.n; ++i)
    for (size_t j = 0; j < s.d; ++j) {
      const float v = float(X(Eigen::Index(i), Eigen::Index(j)));
      if (!std::isfinite(v)) fail("kmeans (scikit-learn): value {} of row {} overflows float32", X(Eigen::Index(i), Eigen::Index(j)), i);
      s.x[i * s.d + j] = v;
    }
  const double tol = tolerance(s, opt.tol);  // on the data before centring, as scikit-learn
  const std::vector<float> mean = column_means(s);
  for (size_t i = 0; i < s.n; ++i)
    for (size_t j = 0; j < s.d; ++j) s.x[i * s.d + j] -= mean[j];  // centred: more accurate distances
  std::vector<double> norms(s.n);
  for (size_t i = 0; i < s.n; ++i) norms[i] = dot64(s.row(i), s.row(i), s.d);

  const size_t k = size_t(opt.k);
  NumpyRandomState rs(opt.seed);  // one generator, drawn from by the restarts in turn
  Run best;
  for (int init = 0; init < opt.n_init; ++init) {
    const std::vector<size_t> seeds = plusplus(s, norms, opt.k, rs, opt.version);
    std::vector<float> centers(k * s.d);
    for (size_t c = 0; c < k; ++c) std::copy_n(s.row(seeds[c]), s.d, centers.begin() + long(c * s.d));
    Run r = lloyd(s, k, std::move(centers), opt.max_iter, tol);
    // A lower inertia that is the same partition is rounding, not a better clustering.
    if (init == 0 || (r.inertia < best.inertia && !same_clustering(r.labels, best.labels, k))) best = std::move(r);
  }

  KMeansResult out;
  out.labels = best.labels;
  out.centers.resize(Eigen::Index(k), X.cols());
  for (size_t c = 0; c < k; ++c)
    for (size_t j = 0; j < s.d; ++j) out.centers(Eigen::Index(c), Eigen::Index(j)) = double(best.centers[c * s.d + j] + mean[j]);
  out.inertia = best.inertia;
  out.iterations = best.iterations;
  return out;
}

}  // namespace nsmlab
