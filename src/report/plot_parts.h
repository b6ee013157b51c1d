// Pieces shared by the figures: title block, axes with ticks and grid, colour bar.
#pragma once
#include <functional>
#include <string>

#include "report/axis_ticks.h"
#include "report/label_placement.h"
#include "report/painter.h"
#include "report/plots.h"

namespace nsmlab {

inline constexpr Rgb kInk{0.13, 0.13, 0.13};       // text and frames
inline constexpr Rgb kSoftInk{0.38, 0.38, 0.38};   // secondary text
inline constexpr Rgb kGrid{0.90, 0.90, 0.90};
inline constexpr Rgb kGood{0.10, 0.55, 0.25};      // validated / valid
inline constexpr Rgb kBad{0.78, 0.16, 0.16};       // refuted / invalid
inline constexpr double kTitleSize = 28;
inline constexpr double kBodySize = 18;

// Linear map from data to canvas coordinates.
struct LinearScale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

// Title (bold, shrunk to fit the width) and an optional subtitle below it, centred.
// Returns the y just below the block.
double draw_title_block(Painter& p, double width, const std::string& title, const std::string& subtitle);

// Frame, grid lines, ticks and tick labels on the left and bottom, axis titles.
void draw_axes(Painter& p, const Box& area, const AxisTicks& x, const AxisTicks& y, const std::string& x_title,
               const std::string& y_title);

// Vertical colour bar over `area`, values low (bottom) .. high (top), with ticks and a title.
void draw_color_bar(Painter& p, const Box& area, double low, double high, const std::function<Rgb(double)>& color,
                    const std::string& title, HAlign title_align = HAlign::center);

// "H1 — <what> · <model>" with the model part only when known, and a lexical baseline named.
std::string figure_title(const std::string& what, const FigureContext& context);
// "validated" / "refuted", or "verdict n/a (lexical baseline)".
std::string figure_verdict(const FigureContext& context, bool threshold_met);
// A p-value as the figures print it, "not computed" after zero permutations.
std::string figure_p_value(int permutations, std::optional<double> p_value, const FigureContext& context);
// How prime `id` is labelled: "je (I)" when the context knows its exponent, else `fallback`.
std::string figure_prime_label(const FigureContext& context, const std::string& id, const std::string& fallback);

}  // namespace nsmlab
