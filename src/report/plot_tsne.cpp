// H1 figure: the primes in t-SNE space, one colour per category, every point labelled.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "report/plot_parts.h"
#include "report/plots.h"
#include "report/value_format.h"

namespace nsmlab {
namespace {

constexpr int kTsneWidth = 1600;
constexpr int kTsneHeight = 1200;
constexpr double kMarkerRadius = 8;

struct TsnePoint {
  std::string label, category;
  double x = 0, y = 0;
};

struct TsneFigure {
  Messages words;
  std::string title, subtitle, footer;
  std::vector<TsnePoint> points;
  std::vector<std::string> categories;  // legend order
  std::map<std::string, Rgb> colors;
  std::map<std::string, MarkerShape> shapes;
  std::map<std::string, int> counts;
};

TsneFigure read_tsne_figure(const H1Result& h1, const FigureContext& context) {
  TsneFigure f;
  f.words = Messages(context.language);
  for (const H1Point& point : h1.points) {
    TsnePoint p;
    p.category = point.category;
    p.label = figure_prime_label(context, point.id, point.label);
    p.x = point.x;
    p.y = point.y;
    f.points.push_back(p);
    f.counts[p.category]++;
  }
  f.categories = h1.categories;
  for (const TsnePoint& p : f.points) {  // categories the list forgot still get a legend entry
    if (std::find(f.categories.begin(), f.categories.end(), p.category) == f.categories.end()) {
      f.categories.push_back(p.category);
    }
  }
  // Colour and shape together: 9 colours x 4 shapes (coprime) give 36 distinct markers. The
  // dataset's category_colors (the notebook's) are not used: with 16 categories they repeat
  // near-identical browns and yellows.
  constexpr MarkerShape kShapes[] = {MarkerShape::circle, MarkerShape::square, MarkerShape::triangle,
                                     MarkerShape::diamond};
  for (size_t i = 0; i < f.categories.size(); ++i) {
    f.colors[f.categories[i]] = category_color(i);
    f.shapes[f.categories[i]] = kShapes[i % 4];
  }
  const Messages& m = f.words;
  const H1Significance& sig = h1.significance;
  f.title = figure_title(m("plot.tsne_title"), context);
  f.subtitle = m.format("plot.tsne_subtitle", format_number(h1.purity),
                        figure_p_value(sig.permutations, sig.purity_p, context), format_number(h1.silhouette),
                        figure_p_value(sig.permutations, sig.silhouette_p, context), h1.k, f.points.size(),
                        figure_verdict(context, h1.validated));
  f.footer = m.format("plot.tsne_footer", format_number(h1.purity_threshold, 2), format_number(h1.silhouette_threshold, 2),
                      format_number(h1.tsne.perplexity_used, 1), format_number(h1.tsne.trustworthiness, 3));
  return f;
}

std::string legend_entry(const TsneFigure& f, const std::string& c) {
  return fmt::format("{} ({})", c, f.counts.count(c) ? f.counts.at(c) : 0);
}

// The font size at which the legend fits `max_width` and the height of the plot.
double legend_font_size(Painter& p, const TsneFigure& f, double max_width, double height) {
  double size = kBodySize;
  if (!f.categories.empty()) size = std::min(size, (height - 60) / static_cast<double>(f.categories.size()) * 0.55);
  auto widest = [&] {
    double w = 0;
    p.set_font(size);
    for (const std::string& c : f.categories) w = std::max(w, p.measure(legend_entry(f, c)).width);
    return w + 30;
  };
  while (size > 9 && widest() > max_width) size -= 0.5;
  return std::max(size, 9.0);
}

double legend_width(Painter& p, const TsneFigure& f, double size) {
  double w = 0;
  p.set_font(size, true);
  w = p.measure(f.words("plot.category")).width;
  p.set_font(size);
  for (const std::string& c : f.categories) w = std::max(w, p.measure(legend_entry(f, c)).width + 30);
  return w;
}

void draw_legend(Painter& p, const TsneFigure& f, const Box& area, double size) {
  const double row = std::min(34.0, size / 0.55);
  p.set_font(size, true);
  p.text(area.x, area.y, f.words("plot.category"), kInk, HAlign::left, VAlign::top);
  double y = area.y + 44;
  p.set_font(size);
  for (const std::string& c : f.categories) {
    const Rgb color = f.colors.at(c);
    p.marker(area.x + 10, y, std::min(kMarkerRadius + 1, row * 0.35), f.shapes.at(c), color, darken(color, 0.55), 1.5);
    p.text(area.x + 30, y, legend_entry(f, c), kInk, HAlign::left, VAlign::middle);
    y += row;
  }
}

void draw_tsne(Painter& p, const TsneFigure& f) {
  const double top = draw_title_block(p, kTsneWidth, f.title, f.subtitle);
  // The legend takes the width its longest category needs (up to 520 px, then a smaller font).
  const double plot_h = kTsneHeight - top - 10 - 130;
  const double legend_size = legend_font_size(p, f, 520, plot_h);
  const double legend_w = legend_width(p, f, legend_size);
  const Box area{120, top + 10, kTsneWidth - 120 - legend_w - 70, plot_h};
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (const TsnePoint& q : f.points) {
    x0 = std::min(x0, q.x), x1 = std::max(x1, q.x), y0 = std::min(y0, q.y), y1 = std::max(y1, q.y);
  }
  if (f.points.empty()) x0 = y0 = -1, x1 = y1 = 1;
  // Room around the cloud for the labels of the outermost points.
  const double px = (x1 - x0) * 0.08 + 1e-9, py = (y1 - y0) * 0.06 + 1e-9;
  const AxisTicks tx = nice_ticks(x0 - px, x1 + px), ty = nice_ticks(y0 - py, y1 + py);
  draw_axes(p, area, tx, ty, f.words("plot.tsne_x"), f.words("plot.tsne_y"));
  const LinearScale sx{tx.low, tx.high, area.x, area.x + area.w};
  const LinearScale sy{ty.low, ty.high, area.y + area.h, area.y};

  // "je (I)" labels are twice as long as the ids: a smaller font keeps the cloud readable.
  const auto with_exponent = std::count_if(f.points.begin(), f.points.end(),
                                           [](const TsnePoint& q) { return q.label.find(" (") != std::string::npos; });
  const bool long_labels = with_exponent * 4 > static_cast<std::ptrdiff_t>(f.points.size());  // over a quarter
  const double label_size = f.points.size() > 120 ? 11 : long_labels ? 13 : 15;
  p.set_font(label_size);
  std::vector<LabelRequest> requests;
  for (const TsnePoint& q : f.points) {
    const TextSize ts = p.measure(q.label);
    requests.push_back({sx(q.x), sy(q.y), ts.width + 4, ts.height()});
  }
  const std::vector<LabelPlacement> placed = place_labels(requests, kMarkerRadius, area);
  for (size_t i = 0; i < placed.size(); ++i) {  // leader lines under the markers
    if (!placed[i].needs_leader) continue;
    const Box& b = placed[i].box;
    const double lx = std::clamp(requests[i].anchor_x, b.x, b.x + b.w);
    const double ly = std::clamp(requests[i].anchor_y, b.y, b.y + b.h);
    p.line(requests[i].anchor_x, requests[i].anchor_y, lx, ly, kSoftInk, 0.8);
  }
  for (size_t i = 0; i < f.points.size(); ++i) {
    const Rgb c = f.colors.at(f.points[i].category);
    // Several of the original palette's colours are very light: a dark outline keeps them visible.
    p.marker(requests[i].anchor_x, requests[i].anchor_y, kMarkerRadius, f.shapes.at(f.points[i].category), c,
             darken(c, 0.55), 1.6);
  }
  p.set_font(label_size);
  for (size_t i = 0; i < placed.size(); ++i) {
    const Box& b = placed[i].box;
    p.text(b.x + 2, b.y, f.points[i].label, kInk, HAlign::left, VAlign::top, true);
  }
  draw_legend(p, f, Box{area.x + area.w + 40, area.y, legend_w, area.h}, legend_size);
  p.set_font(kBodySize - 3);
  p.text(kTsneWidth / 2.0, kTsneHeight - 22, f.footer, kSoftInk, HAlign::center, VAlign::bottom);
}

}  // namespace

std::string plot_tsne_png(const H1Result& h1, const FigureContext& context) {
  const TsneFigure f = read_tsne_figure(h1, context);
  return render_png(kTsneWidth, kTsneHeight, [&](Painter& p) { draw_tsne(p, f); });
}

std::string plot_tsne_svg(const H1Result& h1, const FigureContext& context) {
  const TsneFigure f = read_tsne_figure(h1, context);
  return render_svg(kTsneWidth, kTsneHeight, f.title, [&](Painter& p) { draw_tsne(p, f); });
}

}  // namespace nsmlab
