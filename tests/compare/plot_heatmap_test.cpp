// The agreement heatmap renders every label and value, undefined cells as n/a.
#include "report/plot_heatmap.h"

#include <gtest/gtest.h>

namespace nsmlab {
namespace {

HeatmapFigure figure() {
  HeatmapFigure f;
  f.title = "Agreement";
  f.value_title = "CKA";
  f.labels = {"tiny-bert", "a-model-name-long-enough-to-need-a-smaller-font-in-the-row-labels"};
  f.values = {{1.0, 0.25}, {0.25, std::nullopt}};
  return f;
}

TEST(Heatmap, PngAndSvgCarryTheLabelsAndValues) {
  const std::string png = plot_heatmap_png(figure());
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  const std::string svg = plot_heatmap_svg(figure());
  for (const char* want : {">1. tiny-bert<", ">2. a-model-name-long-enough", ">0.25<", ">1.00<", ">n/a<", ">CKA<"})
    EXPECT_NE(svg.find(want), std::string::npos) << want;
}

TEST(Heatmap, DivergingAndEmpty) {
  HeatmapFigure f = figure();
  f.diverging = true;
  f.low = -1;
  EXPECT_GT(plot_heatmap_png(f).size(), 1000u);
  f.labels.clear();
  f.values.clear();
  EXPECT_GT(plot_heatmap_png(f).size(), 100u);  // no models: an empty grid, not a crash
}

}  // namespace
}  // namespace nsmlab
