// H2 figure: per analysed Greimas square, the four distances and the nearer of the two
// contradictories as a heatmap (with valid / invalid / tie per row), and beside it the
// "contraries vs nearer contradictory" scatter: below the diagonal is exactly the rule's
// valid region (contraries closer than both contradictories).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "report/plot_parts.h"
#include "report/plots.h"
#include "report/prime_names.h"
#include "report/value_format.h"

namespace nsmlab {
namespace {

constexpr int kSquaresWidth = 1700;
constexpr int kColumns = 5;
// Column titles: a catalogue key and the formula under it (the last: two catalogue keys).
constexpr const char* kColumnTitles[kColumns][2] = {{"plot.col_contraries", "d(S1, S2)"},
                                                    {"plot.col_contradictory", "d(S1, non-S1)"},
                                                    {"plot.col_contradictory", "d(S2, non-S2)"},
                                                    {"plot.col_complementary", "d(non-S1, S2)"},
                                                    {"plot.col_nearer", "plot.col_nearer_2"}};

constexpr double kNumberColumn = 34;  // the squares' numbers, left of their names

struct SquareRow {
  std::string number;   // "1", "2", ...: its marker on the scatter and its row in the report's table
  std::string name;
  std::string corners;  // the exponents of S1, S2, non-S1, non-S2 when they are not the ids
  std::optional<double> values[kColumns];
  std::string decision;  // "valid", "invalid", "tie"
};

struct SquaresFigure {
  Messages words;
  int width = 1700, height = 1200;
  double name_w = 190;                  // the heatmap's name column, wide enough for the corner words
  double name_font = 15, corner_font = 12;
  std::string title, subtitle, footer;
  std::vector<SquareRow> rows;
  double low = 0, high = 1;  // colour range of the distances
};

SquaresFigure read_squares_figure(const H2Result& h2, const FigureContext& context) {
  SquaresFigure f;
  f.words = Messages(context.language);
  const Messages& m = f.words;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (size_t i = 0; i < h2.squares.size(); ++i) {
    const H2Square& square = h2.squares[i];
    SquareRow row;
    row.number = std::to_string(i + 1);
    row.name = square.name;
    row.decision = square.decision;
    // "savoir · penser · ne pas savoir · …": the words the model saw, when they differ from the ids.
    bool differs = false;
    std::string corners;
    for (const std::string* id : {&square.s1, &square.s2, &square.non_s1, &square.non_s2}) {
      auto it = context.exponents.find(*id);
      const std::string word = it == context.exponents.end() ? *id : it->second;
      differs |= prime_display_name(*id, word) != *id;
      corners += (corners.empty() ? "" : " · ") + word;
    }
    if (differs) row.corners = corners;
    const std::optional<double> distances[] = {square.contraries, square.contradictory_s1, square.contradictory_s2,
                                               square.complementary};
    for (int c = 0; c < kColumns; ++c) {
      row.values[c] = c < kColumns - 1 ? distances[c]
                      : row.values[1] && row.values[2] ? std::optional<double>(std::min(*row.values[1], *row.values[2]))
                                                       : std::nullopt;
      if (row.values[c]) lo = std::min(lo, *row.values[c]), hi = std::max(hi, *row.values[c]);
    }
    f.rows.push_back(row);
  }
  if (lo <= hi) {  // round the range outward to 0.1 so the colour bar has clean ends
    f.low = std::floor(lo * 10) / 10;
    f.high = std::max(std::ceil(hi * 10) / 10, f.low + 0.1);
  }
  const size_t skipped = h2.skipped.size();
  f.title = figure_title(m("plot.squares_title"), context);
  f.subtitle = m.format("plot.squares_subtitle", h2.valid, h2.analysed, format_percent(h2.rate), h2.ties,
                        format_percent(h2.threshold, 0),
                        figure_p_value(h2.significance.permutations, h2.significance.p_value, context),
                        figure_verdict(context, h2.validated), skipped ? m.format("plot.squares_skipped", skipped) : "");
  f.footer = m.format("plot.squares_footer", h2.tie_tolerance);
  return f;
}

const char* decision_mark(const std::string& d) { return d == "valid" ? "✓" : d == "tie" ? "≈" : "✗"; }
Rgb decision_color(const std::string& d) { return d == "valid" ? kGood : d == "tie" ? kSoftInk : kBad; }

int figure_height(const SquaresFigure& f) { return std::max(1200, 330 + static_cast<int>(f.rows.size()) * 34); }

// The fonts and the name column of the heatmap, measured before drawing: the figure grows
// wider by what the corner words need beyond the names' 190 px, and nothing else shrinks.
void lay_out(SquaresFigure& f) {
  f.height = figure_height(f);
  const double row_h = f.rows.empty() ? 40 : std::min(56.0, (f.height - 250.0) / f.rows.size());
  const bool corners = std::any_of(f.rows.begin(), f.rows.end(), [](const SquareRow& r) { return !r.corners.empty(); });
  f.name_font = std::min(kBodySize - 3, row_h * (corners ? 0.36 : 0.45));
  f.corner_font = std::clamp(row_h * 0.3, 9.0, 13.0);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t* cr = cairo_create(surface);
  {
    Painter p(cr);
    for (const SquareRow& row : f.rows) {
      p.set_font(f.name_font);
      f.name_w = std::max(f.name_w, p.measure(row.name).width + 24 + kNumberColumn);
      p.set_font(f.corner_font);
      f.name_w = std::max(f.name_w, p.measure(row.corners).width + 24 + kNumberColumn);
    }
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  f.name_w = std::min(f.name_w, 600.0);
  f.width = kSquaresWidth + static_cast<int>(std::ceil(f.name_w - 190));
}

void draw_heatmap(Painter& p, const SquaresFigure& f, const Box& area) {
  const double mark_w = 70;
  const double header_h = 70;
  const double row_h = f.rows.empty() ? 40 : std::min(56.0, (area.h - header_h) / f.rows.size());
  const double cell_font = std::clamp(row_h * 0.36, 10.0, 16.0);
  const double name_font = f.name_font, corner_font = f.corner_font, name_w = f.name_w;
  const double cell_w = (area.w - name_w - mark_w) / kColumns;
  const Messages& m = f.words;
  for (int c = 0; c < kColumns; ++c) {
    const double cx = area.x + name_w + (c + 0.5) * cell_w;
    p.set_font(kBodySize - 6, true);
    p.text(cx, area.y + header_h - 30, m(kColumnTitles[c][0]), kInk, HAlign::center, VAlign::bottom);
    p.set_font(kBodySize - 5);
    const std::string formula = kColumnTitles[c][1];
    p.text(cx, area.y + header_h - 10, formula.rfind("plot.", 0) == 0 ? m(formula) : formula, kSoftInk, HAlign::center,
           VAlign::bottom);
  }
  p.set_font(kBodySize - 5, true);
  p.text(area.x + name_w + kColumns * cell_w + mark_w / 2, area.y + header_h - 10, m("plot.col_decision"), kInk,
         HAlign::center, VAlign::bottom);
  const LinearScale to_unit{f.low, f.high, 0, 1};
  for (size_t r = 0; r < f.rows.size(); ++r) {
    const SquareRow& row = f.rows[r];
    const double y = area.y + header_h + r * row_h;
    p.set_font(name_font, true);
    p.text(area.x + 4, y + row_h / 2, row.number, kSoftInk, HAlign::left, VAlign::middle);
    p.set_font(name_font);
    if (row.corners.empty()) {
      p.text(area.x + name_w - 12, y + row_h / 2, row.name, kInk, HAlign::right, VAlign::middle);
    } else {  // the square's name, and under it the words embedded at its four corners
      p.text(area.x + name_w - 12, y + row_h * 0.3, row.name, kInk, HAlign::right, VAlign::middle);
      p.set_font(corner_font);
      p.text(area.x + name_w - 12, y + row_h * 0.72, row.corners, kSoftInk, HAlign::right, VAlign::middle);
    }
    for (int c = 0; c < kColumns; ++c) {
      const double x = area.x + name_w + c * cell_w;
      // The derived mean column is set apart by a gap so it does not read as a fifth distance.
      const double gap = c == kColumns - 1 ? 8 : 0;
      const Rgb bg = row.values[c] ? sequential_color(to_unit(*row.values[c])) : Rgb{0.93, 0.93, 0.93};
      p.fill_rect(x + 1 + gap, y + 1, cell_w - 2 - gap, row_h - 2, bg);
      p.set_font(cell_font);
      p.text(x + gap / 2 + cell_w / 2, y + row_h / 2, format_number(row.values[c], 2), text_color_on(bg),
             HAlign::center, VAlign::middle);
    }
    const double mx = area.x + name_w + kColumns * cell_w + mark_w / 2;
    p.set_font(std::min(22.0, row_h * 0.6), true);
    p.text(mx, y + row_h / 2, decision_mark(row.decision), decision_color(row.decision), HAlign::center, VAlign::middle);
  }
}

void draw_scatter(Painter& p, const SquaresFigure& f, const Box& area) {
  const AxisTicks t = nice_ticks(f.low, f.high, 5);
  draw_axes(p, area, t, t, f.words("plot.squares_x"), f.words("plot.squares_y"));
  const LinearScale sx{t.low, t.high, area.x, area.x + area.w};
  const LinearScale sy{t.low, t.high, area.y + area.h, area.y};
  // Below the diagonal the contraries are closer than the nearer contradictory: the rule itself.
  cairo_t* cr = p.cr();
  cairo_move_to(cr, sx(t.low), sy(t.low));
  cairo_line_to(cr, sx(t.high), sy(t.high));
  cairo_line_to(cr, sx(t.high), sy(t.low));
  cairo_close_path(cr);
  p.set_color(kGood, 0.07);
  cairo_fill(cr);
  static const double dash[] = {8, 6};
  cairo_set_dash(cr, dash, 2, 0);
  p.line(sx(t.low), sy(t.low), sx(t.high), sy(t.high), kSoftInk, 1.5);
  cairo_set_dash(cr, nullptr, 0, 0);

  // Each square is a numbered marker, its number the row of the heatmap and of the report's
  // table: squares crowd near (1, 1), where names could not be told apart. Markers that touch
  // share one label, "1, 2, 5", each number in its decision's colour, with a leader line to the
  // group when the label had to move away.
  std::vector<LabelRequest> markers;
  std::vector<const SquareRow*> shown;
  const double label_size = 14, marker_radius = 6;
  for (const SquareRow& row : f.rows) {
    if (!row.values[0] || !row.values[4]) continue;
    markers.push_back({sx(*row.values[4]), sy(*row.values[0]), 0, 0});
    shown.push_back(&row);
  }
  const auto groups = group_nearby_markers(markers, 2 * marker_radius + 2);
  p.set_font(label_size, true);
  const std::string separator = ", ";
  std::vector<LabelRequest> requests;
  for (const auto& group : groups) {
    double x = 0, y = 0, width = 0;
    for (size_t k = 0; k < group.size(); ++k) {
      x += markers[group[k]].anchor_x / group.size();
      y += markers[group[k]].anchor_y / group.size();
      width += p.measure(shown[group[k]]->number).width + (k ? p.measure(separator).width : 0);
    }
    requests.push_back({x, y, width + 6, p.measure("0").height() + 2});
  }
  const auto placed = place_labels(requests, marker_radius + 2, area);
  for (size_t g = 0; g < groups.size(); ++g) {  // leader lines under the markers
    const Box& b = placed[g].box;
    const double ax = requests[g].anchor_x, ay = requests[g].anchor_y;
    const double lx = std::clamp(ax, b.x, b.x + b.w), ly = std::clamp(ay, b.y, b.y + b.h);
    if (std::hypot(lx - ax, ly - ay) > marker_radius + 4) p.line(ax, ay, lx, ly, kInk, 1.2);
  }
  for (size_t i = 0; i < shown.size(); ++i) {
    const Rgb c = decision_color(shown[i]->decision);
    p.circle(markers[i].anchor_x, markers[i].anchor_y, marker_radius, lighten(c, 0.25), darken(c, 0.4), 1.5);
  }
  p.set_font(label_size, true);
  for (size_t g = 0; g < groups.size(); ++g) {
    double x = placed[g].box.x + 3;
    const double y = placed[g].box.y + 1;
    for (size_t k = 0; k < groups[g].size(); ++k) {
      if (k) {
        p.text(x, y, separator, kSoftInk, HAlign::left, VAlign::top, true);
        x += p.measure(separator).width;
      }
      const SquareRow& row = *shown[groups[g][k]];
      p.text(x, y, row.number, darken(decision_color(row.decision), 0.3), HAlign::left, VAlign::top, true);
      x += p.measure(row.number).width;
    }
  }
  // Legend under the plot, where no label can cover it.
  p.set_font(kBodySize - 4);
  double lx = area.x + 10;
  const double ly = area.y + area.h + 100;
  for (const char* d : {"valid", "invalid", "tie"}) {
    const Rgb c = decision_color(d);
    p.circle(lx, ly, 7, lighten(c, 0.25), darken(c, 0.4), 1.5);
    const std::string text = f.words(std::string(d) == "valid" ? "plot.legend_valid" : "h2.decision_" + std::string(d));
    p.text(lx + 14, ly, text, kInk, HAlign::left, VAlign::middle);
    lx += 30 + p.measure(text).width;
  }
}

void draw_squares(Painter& p, const SquaresFigure& f) {
  const double extra = f.width - kSquaresWidth;  // the wider name column
  const double top = draw_title_block(p, f.width, f.title, f.subtitle);
  const Box heat{20, top + 10, 880 + extra, f.height - top - 70};
  draw_heatmap(p, f, heat);
  draw_color_bar(p, Box{heat.x + heat.w + 15, top + 150, 22, std::min(400.0, heat.h - 180)}, f.low, f.high,
                 [&](double v) { return sequential_color((v - f.low) / (f.high - f.low)); }, f.words("plot.cosine_distance"),
                 HAlign::left);
  const double scatter_x = 1120 + extra;
  const double side = std::min(f.width - scatter_x - 50, heat.h - 160);
  draw_scatter(p, f, Box{scatter_x, top + 80, side, side});
  p.set_font(kBodySize - 4);
  p.text(f.width / 2.0, f.height - 22, f.footer, kSoftInk, HAlign::center, VAlign::bottom);
}

SquaresFigure laid_out_figure(const H2Result& h2, const FigureContext& context) {
  SquaresFigure f = read_squares_figure(h2, context);
  lay_out(f);
  return f;
}

}  // namespace

std::string plot_squares_png(const H2Result& h2, const FigureContext& context) {
  const SquaresFigure f = laid_out_figure(h2, context);
  return render_png(f.width, f.height, [&](Painter& p) { draw_squares(p, f); });
}

std::string plot_squares_svg(const H2Result& h2, const FigureContext& context) {
  const SquaresFigure f = laid_out_figure(h2, context);
  return render_svg(f.width, f.height, f.title, [&](Painter& p) { draw_squares(p, f); });
}

}  // namespace nsmlab
