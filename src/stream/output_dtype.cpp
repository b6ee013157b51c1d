#include "stream/output_dtype.h"

#include <immintrin.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "util/error.h"

namespace nsmlab {

OutputDtype parse_output_dtype(const std::string& name) {
  if (name == "float32") return OutputDtype::float32;
  if (name == "float16") return OutputDtype::float16;
  if (name == "int8") return OutputDtype::int8;
  if (name == "binary") return OutputDtype::binary;
  if (name == "ubinary") return OutputDtype::ubinary;
  fail("--output-dtype: expected float32, float16, int8, binary or ubinary, got \"{}\"", name);
}

std::string output_dtype_name(OutputDtype t) {
  switch (t) {
    case OutputDtype::float32: return "float32";
    case OutputDtype::float16: return "float16";
    case OutputDtype::int8: return "int8";
    case OutputDtype::binary: return "binary";
    case OutputDtype::ubinary: return "ubinary";
  }
  return "?";
}

const char* npy_descr(OutputDtype t) {
  switch (t) {
    case OutputDtype::float32: return "<f4";
    case OutputDtype::float16: return "<f2";
    case OutputDtype::int8: case OutputDtype::binary: return "|i1";
    case OutputDtype::ubinary: return "|u1";
  }
  return "?";
}

size_t output_columns(OutputDtype t, size_t d) {
  return t == OutputDtype::binary || t == OutputDtype::ubinary ? (d + 7) / 8 : d;
}

size_t output_value_bytes(OutputDtype t) {
  return t == OutputDtype::float32 ? 4 : t == OutputDtype::float16 ? 2 : 1;
}

size_t append_converted(const Matrix& m, OutputDtype t, std::string& out) {
  const size_t cols = output_columns(t, m.cols);
  const size_t start = out.size();
  out.resize(start + m.rows * cols * output_value_bytes(t));
  char* p = out.data() + start;
  size_t saturated = 0;
  for (size_t i = 0; i < m.rows; ++i) {
    const float* r = m.row(i);
    switch (t) {
      case OutputDtype::float32:
        std::memcpy(p, r, m.cols * 4);
        p += m.cols * 4;
        break;
      case OutputDtype::float16:
        for (size_t j = 0; j < m.cols; ++j, p += 2) {
          // F16C (part of x86-64-v3), IEEE round to nearest even; clang 14 has no _Float16 on x86.
          const uint16_t h = _cvtss_sh(r[j], _MM_FROUND_TO_NEAREST_INT);
          std::memcpy(p, &h, 2);
        }
        break;
      case OutputDtype::int8:
        for (size_t j = 0; j < m.cols; ++j) {
          float q = std::nearbyint(127.0f * r[j]);  // default rounding mode: ties to even
          if (q > 127.0f || q < -127.0f) {
            ++saturated;
            q = q > 0 ? 127.0f : -127.0f;
          }
          *p++ = static_cast<char>(static_cast<int8_t>(q));
        }
        break;
      case OutputDtype::binary:
      case OutputDtype::ubinary:
        for (size_t byte = 0; byte < cols; ++byte) {
          unsigned v = 0;
          for (size_t bit = 0; bit < 8; ++bit) {
            const size_t j = byte * 8 + bit;
            v = (v << 1) | (j < m.cols && r[j] > 0.0f ? 1u : 0u);
          }
          *p++ = static_cast<char>(t == OutputDtype::binary ? static_cast<int>(v) - 128 : static_cast<int>(v));
        }
        break;
    }
  }
  return saturated;
}

}  // namespace nsmlab
