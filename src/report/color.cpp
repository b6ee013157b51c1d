#include "report/color.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace nsmlab {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Rgb from_bytes(int r, int g, int b) { return {r / 255.0, g / 255.0, b / 255.0}; }

Rgb mix(Rgb a, Rgb b, double t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

// Piecewise-linear interpolation between evenly spaced stops, t in 0..1.
template <size_t N>
Rgb interpolate(const std::array<Rgb, N>& stops, double t) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  const double pos = t * (N - 1);
  const size_t i = std::min(static_cast<size_t>(pos), N - 2);
  return mix(stops[i], stops[i + 1], pos - static_cast<double>(i));
}

}  // namespace

Rgb parse_hex_color(std::string_view text, Rgb fallback) {
  if (text.empty() || text[0] != '#') return fallback;
  text.remove_prefix(1);
  int v[6];
  for (size_t i = 0; i < text.size() && i < 6; ++i) {
    v[i] = hex_digit(text[i]);
    if (v[i] < 0) return fallback;
  }
  if (text.size() == 6) return from_bytes(v[0] * 16 + v[1], v[2] * 16 + v[3], v[4] * 16 + v[5]);
  if (text.size() == 3) return from_bytes(v[0] * 17, v[1] * 17, v[2] * 17);
  return fallback;
}

Rgb palette_color(size_t index) {
  // Tableau-like qualitative colours: distinguishable, none too light on white.
  static const std::array<Rgb, 12> colors = {
      from_bytes(31, 119, 180),  from_bytes(255, 127, 14), from_bytes(44, 160, 44),
      from_bytes(214, 39, 40),   from_bytes(148, 103, 189), from_bytes(140, 86, 75),
      from_bytes(227, 119, 194), from_bytes(127, 127, 127), from_bytes(188, 189, 34),
      from_bytes(23, 190, 207),  from_bytes(57, 59, 121),  from_bytes(173, 73, 74)};
  return colors[index % colors.size()];
}

Rgb category_color(size_t index) {
  static const std::array<Rgb, 9> colors = {
      from_bytes(51, 34, 136),  from_bytes(204, 102, 119), from_bytes(17, 119, 51),
      from_bytes(221, 204, 119), from_bytes(136, 204, 238), from_bytes(136, 34, 85),
      from_bytes(68, 170, 153),  from_bytes(153, 153, 51),  from_bytes(170, 68, 153)};
  return colors[index % colors.size()];
}

double luminance(Rgb c) {
  auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

Rgb text_color_on(Rgb background) {
  // The threshold where black and white have equal WCAG contrast.
  return luminance(background) > 0.179 ? Rgb{0.1, 0.1, 0.1} : Rgb{1, 1, 1};
}

Rgb darken(Rgb c, double amount) { return mix(c, Rgb{0, 0, 0}, amount); }
Rgb lighten(Rgb c, double amount) { return mix(c, Rgb{1, 1, 1}, amount); }

Rgb sequential_color(double t) {
  // Close to ColorBrewer YlGnBu: monotone in lightness, readable in grey scale.
  static const std::array<Rgb, 6> stops = {from_bytes(255, 255, 217), from_bytes(199, 233, 180),
                                           from_bytes(127, 205, 187), from_bytes(65, 182, 196),
                                           from_bytes(34, 94, 168),   from_bytes(8, 29, 88)};
  return interpolate(stops, t);
}

Rgb diverging_color(double t) {
  // Close to ColorBrewer RdBu reversed: negative blue, zero white, positive red.
  static const std::array<Rgb, 7> stops = {from_bytes(33, 102, 172),  from_bytes(103, 169, 207),
                                           from_bytes(209, 229, 240), from_bytes(247, 247, 247),
                                           from_bytes(253, 219, 199), from_bytes(239, 138, 98),
                                           from_bytes(178, 24, 43)};
  return interpolate(stops, (std::clamp(std::isfinite(t) ? t : 0.0, -1.0, 1.0) + 1.0) / 2.0);
}

}  // namespace nsmlab
