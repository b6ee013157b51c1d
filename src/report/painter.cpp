#include "report/painter.h"

#include <cairo-svg.h>
#include <fmt/format.h>

#include <cmath>

#include <memory>

#include "report/text_escape.h"
#include "util/error.h"

namespace nsmlab {
namespace {

constexpr const char* kFontFamily = "DejaVu Sans";  // Debian package fonts-dejavu-core

void set_source(cairo_t* cr, Rgb c, double alpha) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

void check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS) fail("plot rendering: {} failed: {}", what, cairo_status_to_string(status));
}

// Paints the white background, runs `draw`, and returns the texts it drew.
std::vector<TextItem> draw_on(cairo_surface_t* surface, int width, int height, const DrawFunction& draw) {
  ContextPtr cr(cairo_create(surface));
  check(cairo_status(cr.get()), "cairo_create");
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_rectangle(cr.get(), 0, 0, width, height);
  cairo_fill(cr.get());
  Painter painter(cr.get());
  draw(painter);
  check(cairo_status(cr.get()), "drawing");
  return painter.texts();
}

}  // namespace

Painter::Painter(cairo_t* cr) : cr_(cr) {
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
  set_font(12);
}

void Painter::set_font(double size, bool bold) {
  size_ = size;
  bold_ = bold;
  cairo_select_font_face(cr_, kFontFamily, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr_, size);
}

TextSize Painter::measure(std::string_view text) const {
  const std::string s(text);
  cairo_text_extents_t te;
  cairo_text_extents(cr_, s.c_str(), &te);
  cairo_font_extents_t fe;
  cairo_font_extents(cr_, &fe);
  return {te.x_advance, fe.ascent, fe.descent};
}

void Painter::text(double x, double y, std::string_view text, Rgb color, HAlign h, VAlign v, bool halo) {
  if (text.empty()) return;
  const TextSize ts = measure(text);
  if (h == HAlign::center) x -= ts.width / 2;
  if (h == HAlign::right) x -= ts.width;
  // Centre on the font's cap band rather than ascent+descent: looks centred for labels.
  if (v == VAlign::top) y += ts.ascent;
  if (v == VAlign::middle) y += (ts.ascent - ts.descent) / 2;
  if (v == VAlign::bottom) y -= ts.descent;
  const std::string s(text);
  cairo_move_to(cr_, x, y);
  if (halo) {
    cairo_text_path(cr_, s.c_str());
    set_source(cr_, Rgb{1, 1, 1}, 0.85);
    cairo_set_line_width(cr_, size_ * 0.28);
    cairo_stroke_preserve(cr_);
    set_source(cr_, color, 1.0);
    cairo_fill(cr_);
  } else {
    set_source(cr_, color, 1.0);
    cairo_show_text(cr_, s.c_str());
  }
  cairo_new_path(cr_);
  texts_.push_back({s, x, y, size_, bold_, 0});
}

void Painter::text_vertical(double x, double y, std::string_view text, Rgb color) {
  const TextSize ts = measure(text);
  const std::string s(text);
  cairo_save(cr_);
  cairo_translate(cr_, x, y);
  cairo_rotate(cr_, -M_PI / 2);
  cairo_move_to(cr_, -ts.width / 2, (ts.ascent - ts.descent) / 2);
  set_source(cr_, color, 1.0);
  cairo_show_text(cr_, s.c_str());
  cairo_restore(cr_);
  texts_.push_back({s, x + (ts.ascent - ts.descent) / 2, y + ts.width / 2, size_, bold_, -90});
}

void Painter::set_color(Rgb c, double alpha) { set_source(cr_, c, alpha); }

void Painter::fill_rect(double x, double y, double w, double h, Rgb c, double alpha) {
  cairo_rectangle(cr_, x, y, w, h);
  set_source(cr_, c, alpha);
  cairo_fill(cr_);
}

void Painter::stroke_rect(double x, double y, double w, double h, Rgb c, double line_width) {
  cairo_rectangle(cr_, x, y, w, h);
  set_source(cr_, c, 1.0);
  cairo_set_line_width(cr_, line_width);
  cairo_stroke(cr_);
}

void Painter::line(double x0, double y0, double x1, double y1, Rgb c, double line_width) {
  cairo_move_to(cr_, x0, y0);
  cairo_line_to(cr_, x1, y1);
  set_source(cr_, c, 1.0);
  cairo_set_line_width(cr_, line_width);
  cairo_stroke(cr_);
}

void Painter::marker(double x, double y, double radius, MarkerShape shape, Rgb fill, Rgb outline,
                     double outline_width) {
  switch (shape) {
    case MarkerShape::circle: circle(x, y, radius, fill, outline, outline_width); return;
    case MarkerShape::square: {
      const double h = radius * 0.85;  // same visual weight as the circle
      cairo_rectangle(cr_, x - h, y - h, 2 * h, 2 * h);
      break;
    }
    case MarkerShape::triangle:
      cairo_move_to(cr_, x, y - radius * 1.15);
      cairo_line_to(cr_, x + radius, y + radius * 0.75);
      cairo_line_to(cr_, x - radius, y + radius * 0.75);
      cairo_close_path(cr_);
      break;
    case MarkerShape::diamond:
      cairo_move_to(cr_, x, y - radius * 1.2);
      cairo_line_to(cr_, x + radius, y);
      cairo_line_to(cr_, x, y + radius * 1.2);
      cairo_line_to(cr_, x - radius, y);
      cairo_close_path(cr_);
      break;
  }
  set_source(cr_, fill, 1.0);
  cairo_fill_preserve(cr_);
  set_source(cr_, outline, 1.0);
  cairo_set_line_width(cr_, outline_width);
  cairo_stroke(cr_);
}

void Painter::circle(double x, double y, double radius, Rgb fill, Rgb outline, double outline_width) {
  cairo_new_sub_path(cr_);
  cairo_arc(cr_, x, y, radius, 0, 2 * M_PI);
  set_source(cr_, fill, 1.0);
  cairo_fill_preserve(cr_);
  set_source(cr_, outline, 1.0);
  cairo_set_line_width(cr_, outline_width);
  cairo_stroke(cr_);
}

std::string render_png(int width, int height, const DrawFunction& draw) {
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
  check(cairo_surface_status(surface.get()), "cairo_image_surface_create");
  draw_on(surface.get(), width, height, draw);
  cairo_surface_flush(surface.get());
  std::string bytes;
  check(cairo_surface_write_to_png_stream(surface.get(), append_to_string, &bytes), "PNG encoding");
  return bytes;
}

std::string render_svg(int width, int height, const std::string& title, const DrawFunction& draw) {
  std::string bytes;
  std::vector<TextItem> texts;
  {
    SurfacePtr surface(cairo_svg_surface_create_for_stream(append_to_string, &bytes, width, height));
    check(cairo_surface_status(surface.get()), "cairo_svg_surface_create_for_stream");
    texts = draw_on(surface.get(), width, height, draw);
    cairo_surface_finish(surface.get());  // flushes the document into `bytes`
    check(cairo_surface_status(surface.get()), "SVG writing");
  }
  // The text layer is transparent: the glyph outlines above are what one sees.
  std::string layer = fmt::format("<title>{}</title>\n<g fill-opacity=\"0\" font-family=\"DejaVu Sans\">\n",
                                  html_escape(title));
  for (const TextItem& t : texts) {
    const std::string transform =
        t.angle_deg != 0 ? fmt::format(" transform=\"rotate({:.0f} {:.1f} {:.1f})\"", t.angle_deg, t.x, t.y) : "";
    layer += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{:.1f}\"{}{}>{}</text>\n", t.x, t.y, t.size,
                         t.bold ? " font-weight=\"bold\"" : "", transform, html_escape(t.text));
  }
  layer += "</g>\n";
  const size_t end = bytes.rfind("</svg>");
  if (end == std::string::npos) fail("plot rendering: cairo wrote an SVG document without </svg>");
  bytes.insert(end, layer);
  return bytes;
}

}  // namespace nsmlab
