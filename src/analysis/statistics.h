// Small descriptive statistics used by the experiments.
#pragma once
#include <Eigen/Dense>
#include <vector>

namespace nsmlab {

// Pearson correlation (like scipy.stats.pearsonr's r). NaN when either vector is
// constant or has fewer than 2 values; throws when the lengths differ.
double pearson_r(const Eigen::VectorXd& a, const Eigen::VectorXd& b);

// 1 - cosine similarity. NaN when either vector is all zeros.
double cosine_distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b);

struct Interval { double low = 0, high = 0; };

// numpy.percentile (linear interpolation), q in [0, 100]. NaN for no samples.
double percentile(std::vector<double> samples, double q);
// Central interval holding `level` of the samples: percentiles (1-level)/2 and (1+level)/2.
// NaN bounds for no samples; level must be in (0, 1].
Interval percentile_interval(std::vector<double> samples, double level = 0.95);

}  // namespace nsmlab
