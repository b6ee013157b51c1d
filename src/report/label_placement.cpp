#include "report/label_placement.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nsmlab {
namespace {

double overlap_area(const Box& a, const Box& b) {
  const double w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
  const double h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  return (w > 0 && h > 0) ? w * h : 0.0;
}

// Candidate top-left corners around the marker, nearest and most conventional first
// (right, left, above, below, then the diagonals), at growing distances.
std::vector<Box> candidates(const LabelRequest& l, double r) {
  std::vector<Box> out;
  const double w = l.width, h = l.height, cx = l.anchor_x, cy = l.anchor_y;
  for (double ring : {1.0, 2.0, 3.2, 4.6, 6.4}) {
    const double gap = r * 0.6 + (ring - 1.0) * h * 0.9;
    const double d = r + gap;
    out.push_back({cx + d, cy - h / 2, w, h});                  // right
    out.push_back({cx - d - w, cy - h / 2, w, h});              // left
    out.push_back({cx - w / 2, cy - d - h, w, h});              // above
    out.push_back({cx - w / 2, cy + d, w, h});                  // below
    out.push_back({cx + d * 0.7, cy - d * 0.7 - h, w, h});      // above right
    out.push_back({cx - d * 0.7 - w, cy - d * 0.7 - h, w, h});  // above left
    out.push_back({cx + d * 0.7, cy + d * 0.7, w, h});          // below right
    out.push_back({cx - d * 0.7 - w, cy + d * 0.7, w, h});      // below left
  }
  return out;
}

}  // namespace

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels, double marker_radius,
                                         const Box& bounds) {
  std::vector<Box> obstacles;  // markers first, then every label placed so far
  for (const LabelRequest& l : labels) {
    obstacles.push_back({l.anchor_x - marker_radius, l.anchor_y - marker_radius, 2 * marker_radius, 2 * marker_radius});
  }
  std::vector<LabelPlacement> placed;
  placed.reserve(labels.size());
  for (const LabelRequest& l : labels) {
    const std::vector<Box> options = candidates(l, marker_radius);
    double best_cost = std::numeric_limits<double>::infinity();
    size_t best = 0;
    for (size_t i = 0; i < options.size(); ++i) {
      const Box& b = options[i];
      const bool inside = b.x >= bounds.x && b.y >= bounds.y && b.x + b.w <= bounds.x + bounds.w &&
                          b.y + b.h <= bounds.y + bounds.h;
      double cost = inside ? 0.0 : 1e9;
      for (const Box& o : obstacles) cost += overlap_area(b, o);
      cost += static_cast<double>(i) * 1e-3;  // ties go to the nearer, earlier candidate
      if (cost < best_cost) {
        best_cost = cost;
        best = i;
      }
      if (cost < 1.0) break;  // free spot: take the nearest one
    }
    const Box& b = options[best];
    obstacles.push_back(b);
    placed.push_back({b, best >= 8});  // beyond the first ring the link to the marker is not obvious
  }
  return placed;
}

}  // namespace nsmlab
