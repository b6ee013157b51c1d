// H3 figure: Pearson r between each isotopy's presence vector and each principal component
// of the corpus, diverging colours over -1..1; the best |r| of each row is outlined and
// skipped isotopies are shown greyed with their occurrence count.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/plot_parts.h"
#include "report/plots.h"
#include "report/value_format.h"

namespace nsmlab {
namespace {

constexpr int kIsotopiesWidth = 1600;

struct IsotopyRow {
  std::string name;  // the target as the report names primes: "penser (THINK)"
  int occurrences = 0;
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
  double name_w = 200;  // the names' column, wide enough for the longest "exponent (ID)"
};

IsotopiesFigure read_isotopies_figure(const H3Result& h3, const FigureContext& context) {
  IsotopiesFigure f;
  f.words = Messages(context.language);
  f.threshold_r = h3.threshold_r;
  f.explained = h3.explained_variance_ratio;
  for (const H3Isotopy& isotopy : h3.isotopies) {
    IsotopyRow row;
    row.name = figure_prime_label(context, isotopy.target, isotopy.target);
    row.occurrences = isotopy.occurrences;
    row.skipped = isotopy.skipped;
    row.converges = isotopy.converges;
    if (!row.skipped) {
      row.r = isotopy.r;
      double best = -1;
      for (size_t c = 0; c < row.r.size(); ++c) {
        if (row.r[c] && std::isfinite(*row.r[c]) && std::abs(*row.r[c]) > best) best = std::abs(*row.r[c]), row.best = static_cast<int>(c);
      }
    }
    f.components = std::max(f.components, row.r.size());
    f.rows.push_back(row);
  }
  f.components = std::max({f.components, f.explained.size(), size_t{1}});
  const Messages& m = f.words;
  f.title = figure_title(m("plot.isotopies_title"), context);
  f.subtitle = m.format("plot.isotopies_subtitle", format_number(f.threshold_r, 2), h3.converging, f.rows.size(),
                        format_percent(h3.rate), format_percent(h3.threshold_rate, 0),
                        figure_p_value(h3.significance.permutations, h3.significance.p_value, context),
                        figure_verdict(context, h3.validated));
  f.footer = m.format("plot.isotopies_footer", h3.n_sentences, h3.language, h3.n_components);
  // The name column grows to the longest name (up to 420 px); the cells share what is left.
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t* cr = cairo_create(surface);
  {
    Painter p(cr);
    p.set_font(kBodySize, true);
    for (const IsotopyRow& row : f.rows) f.name_w = std::max(f.name_w, p.measure(row.name).width + 30);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  f.name_w = std::min(f.name_w, 420.0);
  return f;
}

int figure_height(const IsotopiesFigure& f) {
  return std::clamp(330 + static_cast<int>(f.rows.size()) * 84, 800, 4000);
}

void draw_isotopies(Painter& p, const IsotopiesFigure& f, int height) {
  const double top = draw_title_block(p, kIsotopiesWidth, f.title, f.subtitle);
  const double name_w = f.name_w, best_w = 210, bar_w = 130;
  const Box area{30, top + 20, kIsotopiesWidth - 60.0 - bar_w, height - top - 90};
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
    p.text(grid_x - 14, y + row_h / 2 - 9, row.name, row.skipped ? kSoftInk : kInk, HAlign::right, VAlign::middle);
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
  const Box bar{kIsotopiesWidth - bar_w - 10, grid_y + 30, 24, bar_h};
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
  p.text(kIsotopiesWidth / 2.0, height - 22, f.footer, kSoftInk, HAlign::center, VAlign::bottom);
}

}  // namespace

std::string plot_isotopies_png(const H3Result& h3, const FigureContext& context) {
  const IsotopiesFigure f = read_isotopies_figure(h3, context);
  const int h = figure_height(f);
  return render_png(kIsotopiesWidth, h, [&](Painter& p) { draw_isotopies(p, f, h); });
}

std::string plot_isotopies_svg(const H3Result& h3, const FigureContext& context) {
  const IsotopiesFigure f = read_isotopies_figure(h3, context);
  const int h = figure_height(f);
  return render_svg(kIsotopiesWidth, h, f.title, [&](Painter& p) { draw_isotopies(p, f, h); });
}

}  // namespace nsmlab
