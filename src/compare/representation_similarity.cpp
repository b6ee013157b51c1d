#include "compare/representation_similarity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "util/error.h"

namespace nsmlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Column-centred copy in double: CKA sums many products, float would lose digits.
std::vector<double> centred(const Matrix& m) {
  std::vector<double> out(m.rows * m.cols);
  for (size_t j = 0; j < m.cols; ++j) {
    double mean = 0;
    for (size_t i = 0; i < m.rows; ++i) mean += m(i, j);
    mean /= static_cast<double>(m.rows);
    for (size_t i = 0; i < m.rows; ++i) out[i * m.cols + j] = m(i, j) - mean;
  }
  return out;
}

// ||Aᵀ B||²_F for row-major A (n x p) and B (n x q), through the n x n Gram matrices
// (n, the number of primes, is far smaller than the embedding width): trace(A Aᵀ B Bᵀ).
double cross_frobenius_sq(const std::vector<double>& a, size_t p, const std::vector<double>& b, size_t q, size_t n) {
  auto gram = [n](const std::vector<double>& m, size_t w) {
    std::vector<double> g(n * n, 0.0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i; j < n; ++j) {
        double s = 0;
        for (size_t k = 0; k < w; ++k) s += m[i * w + k] * m[j * w + k];
        g[i * n + j] = g[j * n + i] = s;
      }
    return g;
  };
  const std::vector<double> ga = gram(a, p), gb = p == q && &a == &b ? ga : gram(b, q);
  double s = 0;
  for (size_t i = 0; i < n * n; ++i) s += ga[i] * gb[i];  // both symmetric: trace(Ga Gb)
  return s;
}

std::vector<double> average_ranks(const std::vector<double>& v) {
  std::vector<size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t i, size_t j) { return v[i] < v[j]; });
  std::vector<double> rank(v.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double r = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;  // 1-based average
    for (size_t k = i; k <= j; ++k) rank[order[k]] = r;
    i = j + 1;
  }
  return rank;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n;
  const double mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  if (saa == 0 || sbb == 0) return kNaN;
  return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

}  // namespace

double linear_cka(const Matrix& x, const Matrix& y) {
  if (x.rows != y.rows) fail("CKA: the two embedding matrices have {} and {} rows; they must embed the same items", x.rows, y.rows);
  if (x.rows < 2) return kNaN;
  const size_t n = x.rows;
  const std::vector<double> cx = centred(x), cy = centred(y);
  const double xy = cross_frobenius_sq(cx, x.cols, cy, y.cols, n);
  const double xx = cross_frobenius_sq(cx, x.cols, cx, x.cols, n);
  const double yy = cross_frobenius_sq(cy, y.cols, cy, y.cols, n);
  if (!(xx > 0) || !(yy > 0)) return kNaN;
  return xy / (std::sqrt(xx) * std::sqrt(yy));
}

std::vector<double> pairwise_cosine_distances(const Matrix& x) {
  std::vector<double> norm(x.rows, 0.0);
  for (size_t i = 0; i < x.rows; ++i) {
    double s = 0;
    for (size_t k = 0; k < x.cols; ++k) s += static_cast<double>(x(i, k)) * x(i, k);
    norm[i] = std::sqrt(s);
  }
  std::vector<double> d;
  d.reserve(x.rows * (x.rows - (x.rows > 0)) / 2);
  for (size_t i = 0; i < x.rows; ++i)
    for (size_t j = i + 1; j < x.rows; ++j) {
      double dot = 0;
      for (size_t k = 0; k < x.cols; ++k) dot += static_cast<double>(x(i, k)) * x(j, k);
      const double denom = norm[i] * norm[j];
      d.push_back(denom > 0 ? 1.0 - dot / denom : kNaN);
    }
  return d;
}

double spearman_correlation(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) fail("Spearman correlation: {} and {} values; both sides need the same items", a.size(), b.size());
  if (a.size() < 2) return kNaN;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::isnan(a[i]) || std::isnan(b[i])) return kNaN;
  return pearson(average_ranks(a), average_ranks(b));
}

double rsa_spearman(const Matrix& x, const Matrix& y) {
  if (x.rows != y.rows) fail("RSA: the two embedding matrices have {} and {} rows; they must embed the same items", x.rows, y.rows);
  return spearman_correlation(pairwise_cosine_distances(x), pairwise_cosine_distances(y));
}

}  // namespace nsmlab
