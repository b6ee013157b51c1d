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
  for (double ring : {1.0, 2.0, 3.2, 4.6, 6.4, 8.5, 11.0}) {
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

constexpr size_t kFirstRing = 8;  // candidates next to the marker: no leader line needed

// How many of `obstacles` the leader line from the marker to box `b` runs through (sampled).
int leader_crossings(const LabelRequest& l, const Box& b, const std::vector<Box>& obstacles, size_t skip) {
  const double ex = std::clamp(l.anchor_x, b.x, b.x + b.w), ey = std::clamp(l.anchor_y, b.y, b.y + b.h);
  int crossings = 0;
  for (size_t k = 0; k < obstacles.size(); ++k) {
    if (k == skip) continue;
    const Box& o = obstacles[k];
    for (int t = 1; t < 12; ++t) {
      const double x = l.anchor_x + (ex - l.anchor_x) * t / 12.0, y = l.anchor_y + (ey - l.anchor_y) * t / 12.0;
      if (x > o.x && x < o.x + o.w && y > o.y && y < o.y + o.h) {
        ++crossings;
        break;
      }
    }
  }
  return crossings;
}

}  // namespace

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels, double marker_radius,
                                         const Box& bounds) {
  std::vector<Box> obstacles;  // markers first, then every label placed so far
  for (const LabelRequest& l : labels) {
    obstacles.push_back({l.anchor_x - marker_radius, l.anchor_y - marker_radius, 2 * marker_radius, 2 * marker_radius});
  }
  const size_t markers = obstacles.size();
  std::vector<LabelPlacement> placed;
  placed.reserve(labels.size());
  for (size_t li = 0; li < labels.size(); ++li) {
    const LabelRequest& l = labels[li];
    const std::vector<Box> options = candidates(l, marker_radius);
    double best_cost = std::numeric_limits<double>::infinity();
    size_t best = 0;
    for (size_t i = 0; i < options.size(); ++i) {
      const Box& b = options[i];
      const bool inside = b.x >= bounds.x && b.y >= bounds.y && b.x + b.w <= bounds.x + bounds.w &&
                          b.y + b.h <= bounds.y + bounds.h;
      double cost = inside ? 0.0 : 1e9;
      // A covered marker is worse than two labels touching: a reader loses the point.
      for (size_t k = 0; k < obstacles.size(); ++k) cost += overlap_area(b, obstacles[k]) * (k < markers ? 4.0 : 1.0);
      // Far spots cost a little, and a leader line through other labels or markers a lot.
      if (i >= kFirstRing) cost += 2.0 * l.height * (1.0 + leader_crossings(l, b, obstacles, li) * 10.0);
      cost += static_cast<double>(i) * 1e-3;  // ties go to the nearer, earlier candidate
      if (cost < best_cost) {
        best_cost = cost;
        best = i;
      }
      if (i < kFirstRing && cost < 1.0) break;  // free spot next to the marker: take it
    }
    const Box& b = options[best];
    obstacles.push_back(b);
    placed.push_back({b, best >= kFirstRing});  // beyond the first ring the link to the marker is not obvious
  }
  return placed;
}

std::vector<std::vector<size_t>> group_nearby_markers(const std::vector<LabelRequest>& markers, double distance) {
  std::vector<size_t> group_of(markers.size());
  for (size_t i = 0; i < markers.size(); ++i) group_of[i] = i;
  // Union of every close pair, by relabelling (a figure has tens of markers, not thousands).
  for (size_t i = 0; i < markers.size(); ++i) {
    for (size_t j = i + 1; j < markers.size(); ++j) {
      const double d = std::hypot(markers[i].anchor_x - markers[j].anchor_x, markers[i].anchor_y - markers[j].anchor_y);
      if (d > distance || group_of[i] == group_of[j]) continue;
      const size_t from = std::max(group_of[i], group_of[j]), to = std::min(group_of[i], group_of[j]);
      for (size_t& g : group_of)
        if (g == from) g = to;
    }
  }
  std::vector<std::vector<size_t>> groups;
  std::vector<size_t> slot(markers.size(), markers.size());
  for (size_t i = 0; i < markers.size(); ++i) {
    if (slot[group_of[i]] == markers.size()) {
      slot[group_of[i]] = groups.size();
      groups.emplace_back();
    }
    groups[slot[group_of[i]]].push_back(i);
  }
  return groups;
}

}  // namespace nsmlab
