// A thin layer over a cairo context for the plots: DejaVu Sans text with alignment,
// filled / stroked shapes in Rgb, and a log of every text drawn so that the SVG output
// can carry the labels as real <text> (cairo's SVG backend writes glyphs as outlines).
#pragma once
#include <cairo.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "report/color.h"

namespace nsmlab {

enum class MarkerShape { circle, square, triangle, diamond };

enum class HAlign { left, center, right };
enum class VAlign { top, middle, baseline, bottom };

struct TextItem {
  std::string text;
  double x = 0, y = 0;  // left end of the baseline, in canvas units
  double size = 0;
  bool bold = false;
  double angle_deg = 0;
};

struct TextSize {
  double width = 0;   // advance width
  double ascent = 0;  // of the font, so that labels of one size line up
  double descent = 0;
  double height() const { return ascent + descent; }
};

class Painter {
 public:
  explicit Painter(cairo_t* cr);

  cairo_t* cr() const { return cr_; }

  void set_font(double size, bool bold = false);
  double font_size() const { return size_; }
  TextSize measure(std::string_view text) const;

  // Draws text anchored at (x, y). `halo` draws a white outline first so labels stay
  // legible over markers and grid lines.
  void text(double x, double y, std::string_view text, Rgb color, HAlign h = HAlign::left,
            VAlign v = VAlign::baseline, bool halo = false);
  // Text turned 90 degrees counter-clockwise, centred on (x, y): vertical axis titles.
  void text_vertical(double x, double y, std::string_view text, Rgb color);

  void set_color(Rgb c, double alpha = 1.0);
  void fill_rect(double x, double y, double w, double h, Rgb c, double alpha = 1.0);
  void stroke_rect(double x, double y, double w, double h, Rgb c, double line_width);
  void line(double x0, double y0, double x1, double y1, Rgb c, double line_width);
  void circle(double x, double y, double radius, Rgb fill, Rgb outline, double outline_width);
  // A category marker of `radius` (circumradius): circle, square, triangle or diamond.
  void marker(double x, double y, double radius, MarkerShape shape, Rgb fill, Rgb outline, double outline_width);

  const std::vector<TextItem>& texts() const { return texts_; }

 private:
  cairo_t* cr_;
  double size_ = 12;
  bool bold_ = false;
  std::vector<TextItem> texts_;
};

using DrawFunction = std::function<void(Painter&)>;

// Renders onto a white canvas of width x height pixels; returns the PNG file bytes.
std::string render_png(int width, int height, const DrawFunction& draw);

// The same drawing as an SVG document (units = PNG pixels), with the drawn text repeated
// as transparent <text> elements: searchable, selectable, readable by screen readers.
// `title` becomes the SVG <title>.
std::string render_svg(int width, int height, const std::string& title, const DrawFunction& draw);

}  // namespace nsmlab
