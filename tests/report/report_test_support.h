// Shared helpers of the report tests: the sample results document and PNG decoding.
#pragma once
#include <cairo.h>

#include <string>

#include "experiments/h1_result.h"
#include "experiments/h2_result.h"
#include "experiments/h3_result.h"
#include "util/json_file.h"

namespace nsmlab::testing {

inline Json sample_results() { return load_json(std::string(NSMLAB_FIXTURES_DIR) + "/report/sample_results.json"); }
// Its fragments through the results contract's readers, as the figures take them.
inline H1Result sample_h1() { return parse_h1_result(sample_results()["h1"]); }
inline H2Result sample_h2() { return parse_h2_result(sample_results()["h2"]); }
inline H3Result sample_h3() { return parse_h3_result(sample_results()["h3"]); }

struct PngInfo {
  bool ok = false;
  int width = 0, height = 0;
};

// Decodes PNG bytes with cairo (from memory, as the report does).
inline PngInfo decode_png(const std::string& bytes) {
  struct Reader {
    const std::string* data;
    size_t pos = 0;
  } reader{&bytes};
  auto read = [](void* closure, unsigned char* out, unsigned int length) -> cairo_status_t {
    auto* r = static_cast<Reader*>(closure);
    if (r->pos + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
    r->data->copy(reinterpret_cast<char*>(out), length, r->pos);
    r->pos += length;
    return CAIRO_STATUS_SUCCESS;
  };
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read, &reader);
  PngInfo info;
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
    info = {true, cairo_image_surface_get_width(s), cairo_image_surface_get_height(s)};
  }
  cairo_surface_destroy(s);
  return info;
}

inline bool has_png_signature(const std::string& bytes) {
  return bytes.size() > 8 && bytes.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) == 0;
}

}  // namespace nsmlab::testing
