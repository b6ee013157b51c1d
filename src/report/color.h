// Colours for the plots: parsing the dataset's "#RRGGBB", a categorical palette,
// and the sequential / diverging colour maps of the heatmaps.
#pragma once
#include <cstddef>
#include <string_view>

namespace nsmlab {

struct Rgb {
  double r = 0, g = 0, b = 0;  // 0..1
};

// "#RRGGBB" or "#RGB"; anything else gives `fallback` (a bad colour must not stop a report).
Rgb parse_hex_color(std::string_view text, Rgb fallback);

// Distinct, saturated colours for categories without a colour of their own.
Rgb palette_color(size_t index);

// Paul Tol's "muted" qualitative scheme (9 colours made to stay apart for colour-blind
// readers, none pale on white): category i gets colour i mod 9.
Rgb category_color(size_t index);

// Relative luminance (sRGB, WCAG definition), 0 = black, 1 = white.
double luminance(Rgb c);

// Black or white, whichever reads better on `background`.
Rgb text_color_on(Rgb background);

// The colour mixed toward black by `amount` (0..1): outlines of light markers.
Rgb darken(Rgb c, double amount);
// The colour mixed toward white by `amount` (0..1).
Rgb lighten(Rgb c, double amount);

// Sequential map for distances, t in 0..1 (light yellow -> green -> dark blue); clamped.
Rgb sequential_color(double t);

// Diverging map for correlations, t in -1..1 (blue -> white -> red); clamped.
Rgb diverging_color(double t);

}  // namespace nsmlab
