// "Nice" axis ticks (1, 2, 5 x 10^k steps) so plot axes read like a textbook figure.
#pragma once
#include <string>
#include <vector>

namespace nsmlab {

struct AxisTicks {
  double low = 0, high = 1;     // the axis range, widened to whole steps
  double step = 0.2;
  std::vector<double> values;   // tick positions from low to high
};

// Ticks covering [low, high] with about `target` intervals. A degenerate range is widened.
AxisTicks nice_ticks(double low, double high, int target = 6);

// A tick label with as many decimals as the step needs ("-20", "0.25", "1.5").
std::string format_tick(double value, double step);

}  // namespace nsmlab
