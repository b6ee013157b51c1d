#include "analysis/assignment.h"

#include <cmath>
#include <limits>

#include "util/error.h"

namespace nsmlab {
namespace {

// Shortest augmenting path with row/column potentials, for rows <= cols: each row is
// inserted in turn and a Dijkstra-like sweep over the columns finds the cheapest way
// to make room for it. O(rows^2 * cols).
std::vector<int> solve_wide(const Eigen::MatrixXd& cost) {
  const int n = int(cost.rows()), m = int(cost.cols());
  const double inf = std::numeric_limits<double>::infinity();
  // 1-based: column 0 is a virtual column holding the row being inserted.
  std::vector<double> u(size_t(n) + 1, 0.0), v(size_t(m) + 1, 0.0);
  std::vector<int> row_of_col(size_t(m) + 1, 0), previous_col(size_t(m) + 1, 0);
  for (int i = 1; i <= n; ++i) {
    row_of_col[0] = i;
    int col0 = 0;
    std::vector<double> min_reduced(size_t(m) + 1, inf);
    std::vector<char> used(size_t(m) + 1, 0);
    do {
      used[size_t(col0)] = 1;
      const int row = row_of_col[size_t(col0)];
      double delta = inf;
      int next_col = 0;
      for (int j = 1; j <= m; ++j) {
        if (used[size_t(j)]) continue;
        const double reduced = cost(row - 1, j - 1) - u[size_t(row)] - v[size_t(j)];
        if (reduced < min_reduced[size_t(j)]) {
          min_reduced[size_t(j)] = reduced;
          previous_col[size_t(j)] = col0;
        }
        if (min_reduced[size_t(j)] < delta) {
          delta = min_reduced[size_t(j)];
          next_col = j;
        }
      }
      for (int j = 0; j <= m; ++j) {
        if (used[size_t(j)]) {
          u[size_t(row_of_col[size_t(j)])] += delta;
          v[size_t(j)] -= delta;
        } else {
          min_reduced[size_t(j)] -= delta;
        }
      }
      col0 = next_col;
    } while (row_of_col[size_t(col0)] != 0);
    // Flip the augmenting path back to the virtual column.
    do {
      const int prev = previous_col[size_t(col0)];
      row_of_col[size_t(col0)] = row_of_col[size_t(prev)];
      col0 = prev;
    } while (col0 != 0);
  }
  std::vector<int> result(size_t(n), -1);
  for (int j = 1; j <= m; ++j)
    if (row_of_col[size_t(j)] != 0) result[size_t(row_of_col[size_t(j)] - 1)] = j - 1;
  return result;
}

}  // namespace

std::vector<int> hungarian_minimize(const Eigen::MatrixXd& cost) {
  if (!cost.allFinite()) fail("hungarian: the {}x{} score matrix holds NaN or infinite values", cost.rows(), cost.cols());
  if (cost.rows() == 0 || cost.cols() == 0) return std::vector<int>(size_t(cost.rows()), -1);
  if (cost.rows() <= cost.cols()) return solve_wide(cost);
  // More rows than columns: assign columns to rows instead, then invert.
  const std::vector<int> row_of_col = solve_wide(cost.transpose());
  std::vector<int> result(size_t(cost.rows()), -1);
  for (size_t c = 0; c < row_of_col.size(); ++c) result[size_t(row_of_col[c])] = int(c);
  return result;
}

std::vector<int> hungarian_maximize(const Eigen::MatrixXd& score) { return hungarian_minimize(-score); }

double assignment_total(const Eigen::MatrixXd& score, const std::vector<int>& assignment) {
  double total = 0;
  for (size_t r = 0; r < assignment.size(); ++r)
    if (assignment[r] >= 0) total += score(Eigen::Index(r), assignment[r]);
  return total;
}

}  // namespace nsmlab
