// H3 figure: Pearson r between each isotopy's presence vector and each principal component
// of the corpus, diverging colours over -1..1; the best |r| of each row is outlined and
// skipped isotopies are shown greyed with their occurrence count.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/plot_parts.h"
#include "report/plots.h"
#include "report/results_access.h"
#include "report/value_format.h"

namespace nsmlab {
namespace {

constexpr int kWidth = 1600;

struct IsotopyRow {
  std::string target;
  std::optional<double> occurrences;
  bool skipped = false, converges = false;
  std::vector<std::optional<double>> r;
  int best = -1;  // column of the largest |r|
};

struct IsotopiesFigure {
  Messages words;
  std::string title, subtitle, footer;
  std::vector<IsotopyRow> rows;
  std::vector<std::optional<double>> explained;  // per component
  size_t components = 0;
  double threshold_r = 0.6;
};

IsotopiesFigure read_figure(const Json& h3, const FigureContext& context) {
  const std::string where = "results.json: h3";
  require_object(h3, where);
  IsotopiesFigure f;
  f.words = Messages(context.language);
  f.threshold_r = optional_number(h3, "threshold_r", where).value_or(0.6);
  for (const Json& v : optional_array(h3, "explained_variance_ratio", where)) {
    f.explained.push_back(v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt);
  }
  const Json& isotopies = optional_array(h3, "isotopies", where);
  for (size_t i = 0; i < isotopies.size(); ++i) {
    const std::string at = fmt::format("{}.isotopies[{}]", where, i);
    IsotopyRow row;
    row.target = require_string(isotopies[i], "target", at);
    row.occurrences = optional_number(isotopies[i], "occurrences", at);
    row.skipped = optional_bool(isotopies[i], "skipped", at);
    row.converges = optional_bool(isotopies[i], "converges", at);
    if (!row.skipped) {
      const Json& r = optional_array(isotopies[i], "r", at);
      double best = -1;
      for (size_t c = 0; c < r.size(); ++c) {
        if (!r[c].is_null() && !r[c].is_number()) fail("{}: field 'r' should hold numbers, got {}", at, json_excerpt(r[c]));
        std::optional<double> v;
        if (r[c].is_number() && std::isfinite(r[c].get<double>())) v = r[c].get<double>();
        row.r.push_back(v);
        if (v && std::abs(*v) > best) best = std::abs(*v), row.best = static_cast<int>(c);
      }
    }
    f.components = std::max(f.components, row.r.size());
    f.rows.push_back(row);
  }
  f.components = std::max({f.components, f.explained.size(), size_t{1}});
  const Messages& m = f.words;
  f.title = figure_title(m("plot.isotopies_title"), context);
  f.subtitle = m.format("plot.isotopies_subtitle",
                           format_number(f.threshold_r, 2), format_number(optional_number(h3, "converging", where), 0),
                           f.rows.size(), format_percent(optional_number(h3, "rate", where)),
                           format_percent(optional_number(h3, "threshold_rate", where), 0),
                           figure_p_value(optional_object(h3, "significance", where), "p_value", where, context),
                           figure_verdict(context, optional_bool(h3, "validated", where)));
  f.footer = m.format("plot.isotopies_footer",
                         format_number(optional_number(h3, "n_sentences", where), 0),
                         optional_string(h3, "language", where, "?"),
                         format_number(optional_number(h3, "n_components", where), 0));
  return f;
}

int figure_height(const IsotopiesFigure& f) {
  return std::clamp(330 + static_cast<int>(f.rows.size()) * 84, 800, 4000);
}

void draw_isotopies(Painter& p, const IsotopiesFigure& f, int height) {
  const double top = draw_title_block(p, kWidth, f.title, f.subtitle);
  const double name_w = 200, best_w = 210, bar_w = 130;
  const Box area{30, top + 20, kWidth - 60.0 - bar_w, height - top - 90};
  const double header_h = 64;
  const double cell_w = (area.w - name_w - best_w) / f.components;
  const double row_h = f.rows.empty() ? 60 : std::min(90.0, (area.h - header_h) / f.rows.size());
  const double grid_x = area.x + name_w, grid_y = area.y + header_h;

  for (size_t c = 0; c < f.components; ++c) {
    const double cx = grid_x + (c + 0.5) * cell_w;
    p.set_font(kBodySize - 2, true);
    p.text(cx, grid_y - 32, fmt::format("PC{}", c + 1), kInk, HAlign::center, VAlign::bottom);
    if (c < f.explained.size() && f.explained[c]) {
      p.set_font(kBodySize - 5);
      p.text(cx, grid_y - 10, f.words.numbers(format_percent(f.explained[c])), kSoftInk, HAlign::center, VAlign::bottom);
    }
  }
  p.set_font(kBodySize - 2, true);
  p.text(grid_x + f.components * cell_w + best_w / 2, grid_y - 32, f.words("plot.best_r"), kInk, HAlign::center, VAlign::bottom);

  for (size_t i = 0; i < f.rows.size(); ++i) {
    const IsotopyRow& row = f.rows[i];
    const double y = grid_y + i * row_h;
    p.set_font(kBodySize, true);
    p.text(grid_x - 14, y + row_h / 2 - 9, row.target, row.skipped ? kSoftInk : kInk, HAlign::right, VAlign::middle);
    p.set_font(kBodySize - 5);
    p.text(grid_x - 14, y + row_h / 2 + 13, f.words.format("plot.occurrences", format_number(row.occurrences, 0)), kSoftInk,
           HAlign::right, VAlign::middle);
    if (row.skipped) {
      p.fill_rect(grid_x + 1, y + 1, f.components * cell_w - 2, row_h - 2, Rgb{0.88, 0.88, 0.88});
      p.set_font(kBodySize - 1);
      p.text(grid_x + f.components * cell_w / 2, y + row_h / 2,
             f.words.format("plot.skipped_occurrences", format_number(row.occurrences, 0)), kSoftInk, HAlign::center,
             VAlign::middle);
      continue;
    }
    for (size_t c = 0; c < f.components; ++c) {
      const std::optional<double> v = c < row.r.size() ? row.r[c] : std::nullopt;
      const Rgb bg = v ? diverging_color(*v) : Rgb{0.93, 0.93, 0.93};
      const double x = grid_x + c * cell_w;
      p.fill_rect(x + 1, y + 1, cell_w - 2, row_h - 2, bg);
      p.set_font(std::min(kBodySize - 1, row_h * 0.3), static_cast<int>(c) == row.best);
      p.text(x + cell_w / 2, y + row_h / 2, format_number(v, 2), text_color_on(bg), HAlign::center, VAlign::middle);
    }
    if (row.best >= 0) {
      p.stroke_rect(grid_x + row.best * cell_w + 2.5, y + 2.5, cell_w - 5, row_h - 5, kInk, 4);
      const double bx = grid_x + f.components * cell_w + best_w / 2;
      p.set_font(kBodySize - 1, true);
      const std::string verdict = fmt::format("{} {}  PC{}", row.converges ? "✓" : "✗",
                                              format_number(std::abs(*row.r[row.best]), 2), row.best + 1);
      p.text(bx, y + row_h / 2, verdict, row.converges ? kGood : kBad, HAlign::center, VAlign::middle);
    }
  }
  const double bar_h = std::min(420.0, area.h - header_h - 40);
  const Box bar{kWidth - bar_w - 10, grid_y + 30, 24, bar_h};
  draw_color_bar(p, bar, -1, 1, diverging_color, f.words("plot.pearson_r"));
  // The convergence threshold on the colour bar: where a cell starts to count.
  const LinearScale sy{-1, 1, bar.y + bar.h, bar.y};
  for (double t : {f.threshold_r, -f.threshold_r}) {
    p.line(bar.x - 6, sy(t), bar.x + bar.w, sy(t), kInk, 2.5);
  }
  p.set_font(kBodySize - 5);
  p.text(bar.x + bar.w / 2, bar.y + bar.h + 16, f.words.format("plot.threshold_marks", format_number(f.threshold_r, 2)), kSoftInk,
         HAlign::center, VAlign::top);
  p.set_font(kBodySize - 4);
  p.text(kWidth / 2.0, height - 22, f.footer, kSoftInk, HAlign::center, VAlign::bottom);
}

}  // namespace

std::string plot_isotopies_png(const Json& h3, const FigureContext& context) {
  const IsotopiesFigure f = read_figure(h3, context);
  const int h = figure_height(f);
  return render_png(kWidth, h, [&](Painter& p) { draw_isotopies(p, f, h); });
}

std::string plot_isotopies_svg(const Json& h3, const FigureContext& context) {
  const IsotopiesFigure f = read_figure(h3, context);
  const int h = figure_height(f);
  return render_svg(kWidth, h, f.title, [&](Painter& p) { draw_isotopies(p, f, h); });
}

}  // namespace nsmlab
