// A labelled square matrix as a heatmap (one row and one column per item, the value printed
// in each cell, a colour bar): the model-agreement figures of `nsmlab run --models`.
// Rows carry "1. label", columns the same numbers: long names never crowd the columns.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace nsmlab {

struct HeatmapFigure {
  std::string title, subtitle, footer;
  std::string value_title;                             // colour-bar title, e.g. "linear CKA"
  std::vector<std::string> labels;                     // of the rows (columns get their numbers)
  std::vector<std::vector<std::optional<double>>> values;  // labels.size() squared; nullopt: undefined
  double low = 0, high = 1;                            // colour range
  bool diverging = false;                              // blue-white-red around 0, else sequential
};

std::string plot_heatmap_png(const HeatmapFigure& figure);
std::string plot_heatmap_svg(const HeatmapFigure& figure);

}  // namespace nsmlab
