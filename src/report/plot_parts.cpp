#include "report/plot_parts.h"

#include <algorithm>

#include "report/prime_names.h"
#include "report/value_format.h"

namespace nsmlab {

double draw_title_block(Painter& p, double width, const std::string& title, const std::string& subtitle) {
  double size = kTitleSize;
  p.set_font(size, true);
  while (size > 14 && p.measure(title).width > width - 80) p.set_font(size -= 1, true);
  p.text(width / 2, 24, title, kInk, HAlign::center, VAlign::top);
  double y = 24 + size * 1.3;
  if (!subtitle.empty()) {
    double sub = kBodySize;
    p.set_font(sub);
    while (sub > 11 && p.measure(subtitle).width > width - 80) p.set_font(sub -= 1);
    p.text(width / 2, y + 6, subtitle, kSoftInk, HAlign::center, VAlign::top);
    y += 6 + sub * 1.4;
  }
  return y + 10;
}

void draw_axes(Painter& p, const Box& area, const AxisTicks& x, const AxisTicks& y, const std::string& x_title,
               const std::string& y_title) {
  const LinearScale sx{x.low, x.high, area.x, area.x + area.w};
  const LinearScale sy{y.low, y.high, area.y + area.h, area.y};
  for (double v : x.values) p.line(sx(v), area.y, sx(v), area.y + area.h, kGrid, 1);
  for (double v : y.values) p.line(area.x, sy(v), area.x + area.w, sy(v), kGrid, 1);
  p.stroke_rect(area.x, area.y, area.w, area.h, kInk, 1.5);
  p.set_font(kBodySize - 2);
  for (double v : x.values) {
    p.line(sx(v), area.y + area.h, sx(v), area.y + area.h + 7, kInk, 1.5);
    p.text(sx(v), area.y + area.h + 11, format_tick(v, x.step), kInk, HAlign::center, VAlign::top);
  }
  for (double v : y.values) {
    p.line(area.x - 7, sy(v), area.x, sy(v), kInk, 1.5);
    p.text(area.x - 11, sy(v), format_tick(v, y.step), kInk, HAlign::right, VAlign::middle);
  }
  p.set_font(kBodySize);
  p.text(area.x + area.w / 2, area.y + area.h + 44, x_title, kInk, HAlign::center, VAlign::top);
  p.text_vertical(area.x - 72, area.y + area.h / 2, y_title, kInk);
}

void draw_color_bar(Painter& p, const Box& area, double low, double high, const std::function<Rgb(double)>& color,
                    const std::string& title, HAlign title_align) {
  const int steps = std::max(2, static_cast<int>(area.h));
  for (int i = 0; i < steps; ++i) {
    const double v = low + (high - low) * (i + 0.5) / steps;
    const double y = area.y + area.h - (i + 1) * area.h / steps;
    p.fill_rect(area.x, y, area.w, area.h / steps + 0.6, color(v));  // slight overlap: no hairline gaps
  }
  p.stroke_rect(area.x, area.y, area.w, area.h, kInk, 1);
  const AxisTicks ticks = nice_ticks(low, high, 5);
  const LinearScale sy{low, high, area.y + area.h, area.y};
  p.set_font(kBodySize - 3);
  for (double v : ticks.values) {
    if (v < low - 1e-9 || v > high + 1e-9) continue;
    p.line(area.x + area.w, sy(v), area.x + area.w + 6, sy(v), kInk, 1);
    p.text(area.x + area.w + 10, sy(v), format_tick(v, ticks.step), kInk, HAlign::left, VAlign::middle);
  }
  p.set_font(kBodySize - 2);
  const double tx = title_align == HAlign::left ? area.x : area.x + area.w / 2;
  p.text(tx, area.y - 12, title, kInk, title_align, VAlign::bottom);
}

std::string figure_title(const std::string& what, const FigureContext& context) {
  std::string title = context.model_name.empty() ? what : what + " · " + context.model_name;
  if (context.lexical_baseline) title += Messages(context.language)("plot.lexical_title");
  return title;
}

std::string figure_verdict(const FigureContext& context, bool threshold_met) {
  const Messages m(context.language);
  if (context.lexical_baseline) return m("plot.verdict_not_applicable");
  return m(threshold_met ? "verdict.validated" : "verdict.refuted");
}

std::string figure_prime_label(const FigureContext& context, const std::string& id, const std::string& fallback) {
  auto it = context.exponents.find(id);
  return it == context.exponents.end() ? fallback : prime_display_name(id, it->second);
}

}  // namespace nsmlab

namespace nsmlab {

std::string figure_p_value(int permutations, std::optional<double> p_value, const FigureContext& context) {
  if (permutations <= 0) return Messages(context.language)("p.not_computed");
  return format_p_value(p_value);
}

}  // namespace nsmlab
