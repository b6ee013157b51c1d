// Places point labels next to their markers without covering each other or the markers
// (the t-SNE plot labels 50+ primes): a greedy search over candidate offsets.
#pragma once
#include <cstddef>
#include <vector>

namespace nsmlab {

struct Box {
  double x = 0, y = 0, w = 0, h = 0;  // top-left corner and size
  bool overlaps(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

struct LabelRequest {
  double anchor_x = 0, anchor_y = 0;  // the marker's centre
  double width = 0, height = 0;       // the label's size
};

struct LabelPlacement {
  Box box;                 // where to draw the label
  bool needs_leader = false;  // placed far from its marker: draw a thin line to it
};

// Labels are placed in order (callers pass the most important first); each one takes the
// nearest candidate spot that stays inside `bounds` and overlaps the fewest already-placed
// labels and markers (each marker a disc of `marker_radius`).
std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels, double marker_radius,
                                         const Box& bounds);

// Markers whose centres lie within `distance` of each other, chained (single linkage): each
// group is the indices of its markers, in order of their first member. A figure labels each
// group once ("1, 2, 5") where separate labels of overlapping markers could not be told apart.
std::vector<std::vector<std::size_t>> group_nearby_markers(const std::vector<LabelRequest>& markers, double distance);

}  // namespace nsmlab
