// Square heatmap: numbered row labels on the left, the numbers over the columns, the value in
// every cell (diagonal included), a colour bar on the right.
#include "report/plot_heatmap.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <utility>

#include "report/plot_parts.h"
#include "report/value_format.h"

namespace nsmlab {
namespace {

constexpr int kWidth = 1400;
constexpr double kBarW = 150;

constexpr double kMaxLabelW = 420;

std::string row_label(const std::vector<std::string>& labels, size_t i) { return fmt::format("{}. {}", i + 1, labels[i]); }

// The label font size at which the longest label fits kMaxLabelW (never under 11 px), and
// the width of the longest label at that size.
std::pair<double, double> label_size(const std::vector<std::string>& labels) {
  double size = kBodySize, widest = 0;
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t* cr = cairo_create(s);
  Painter probe(cr);
  for (size_t i = 0; i < labels.size(); ++i) {
    probe.set_font(size, true);
    const double w = probe.measure(row_label(labels, i)).width;
    if (w > kMaxLabelW) size = std::max(11.0, size * kMaxLabelW / w);
  }
  probe.set_font(size, true);
  for (size_t i = 0; i < labels.size(); ++i) widest = std::max(widest, probe.measure(row_label(labels, i)).width);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  return {size, widest};
}

struct Layout {
  double label_w, cell, grid_x, grid_y, font;
  int height;
};

Layout layout(const HeatmapFigure& f) {
  Layout l{};
  const double n = std::max<double>(1, f.labels.size());
  const auto [font, widest] = label_size(f.labels);
  l.font = font;
  l.label_w = std::clamp(widest + 24, 120.0, kMaxLabelW + 24);
  l.cell = std::min(170.0, (kWidth - 60 - l.label_w - kBarW) / n);
  // Labels, grid and colour bar centred together.
  l.grid_x = (kWidth - (l.label_w + n * l.cell + kBarW)) / 2 + l.label_w;
  l.grid_y = 170;  // below the title block and the column numbers
  l.height = static_cast<int>(l.grid_y + n * l.cell + 80);
  return l;
}

void draw(Painter& p, const HeatmapFigure& f, const Layout& l) {
  draw_title_block(p, kWidth, f.title, f.subtitle);
  const size_t n = f.labels.size();
  for (size_t i = 0; i < n; ++i) {
    p.set_font(l.font, true);
    p.text(l.grid_x - 12, l.grid_y + (i + 0.5) * l.cell, row_label(f.labels, i), kInk, HAlign::right, VAlign::middle);
    p.set_font(kBodySize, true);
    p.text(l.grid_x + (i + 0.5) * l.cell, l.grid_y - 10, std::to_string(i + 1), kInk, HAlign::center, VAlign::bottom);
  }
  const double value_size = std::clamp(l.cell * 0.22, 12.0, kBodySize + 4);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      const std::optional<double> v = i < f.values.size() && j < f.values[i].size() ? f.values[i][j] : std::nullopt;
      const double t = v ? (f.diverging ? *v : (*v - f.low) / (f.high - f.low)) : 0;
      const Rgb bg = !v ? Rgb{0.93, 0.93, 0.93} : f.diverging ? diverging_color(t) : sequential_color(t);
      const double x = l.grid_x + j * l.cell, y = l.grid_y + i * l.cell;
      p.fill_rect(x + 1, y + 1, l.cell - 2, l.cell - 2, bg);
      p.set_font(value_size, i == j);
      p.text(x + l.cell / 2, y + l.cell / 2, v ? format_number(v, 2) : std::string("n/a"), text_color_on(bg),
             HAlign::center, VAlign::middle);
    }
  const double bar_h = std::min(420.0, std::max(160.0, n * l.cell - 40));
  const Box bar{l.grid_x + n * l.cell + 70, l.grid_y + 30, 24, bar_h};
  const std::function<Rgb(double)> color =
      f.diverging ? std::function<Rgb(double)>(diverging_color)
                  : [&f](double v) { return sequential_color((v - f.low) / (f.high - f.low)); };
  draw_color_bar(p, bar, f.low, f.high, color, f.value_title);
  p.set_font(kBodySize - 4);
  p.text(kWidth / 2.0, l.height - 22, f.footer, kSoftInk, HAlign::center, VAlign::bottom);
}

}  // namespace

std::string plot_heatmap_png(const HeatmapFigure& f) {
  const Layout l = layout(f);
  return render_png(kWidth, l.height, [&](Painter& p) { draw(p, f, l); });
}

std::string plot_heatmap_svg(const HeatmapFigure& f) {
  const Layout l = layout(f);
  return render_svg(kWidth, l.height, f.title, [&](Painter& p) { draw(p, f, l); });
}

}  // namespace nsmlab
