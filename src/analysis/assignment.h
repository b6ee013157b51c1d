// Optimal one-to-one assignment (Hungarian / Jonker-Volgenant shortest augmenting paths).
#pragma once
#include <Eigen/Dense>
#include <vector>

namespace nsmlab {

// Maximises the summed score of a one-to-one matching between rows and columns of a
// rectangular matrix; min(rows, cols) pairs are matched. result[row] = matched column,
// or -1 when the row is left over (only when rows > cols). Scores must be finite.
std::vector<int> hungarian_maximize(const Eigen::MatrixXd& score);

// The same, minimising a cost.
std::vector<int> hungarian_minimize(const Eigen::MatrixXd& cost);

// Sum of score(row, result[row]) over matched rows.
double assignment_total(const Eigen::MatrixXd& score, const std::vector<int>& assignment);

}  // namespace nsmlab
