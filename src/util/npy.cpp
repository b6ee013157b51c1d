#include "util/npy.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "util/atomic_file.h"
#include "util/error.h"

namespace nsmlab {

std::string npy_prefix(std::string_view descr, size_t rows, size_t cols, size_t min_prefix_bytes) {
  std::string header = fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': ({}, {}), }}", descr, rows, cols);
  // Magic (6) + version (2) + header length (2) + header, padded with spaces to a
  // multiple of 64 and ended by a newline, as the format requires.
  size_t total = 10 + header.size() + 1;
  if (total < min_prefix_bytes) {
    header.append(min_prefix_bytes - total, ' ');
    total = min_prefix_bytes;
  }
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  if (header.size() > 0xffff) fail(".npy header of {} bytes: more than version 1.0 allows", header.size());
  std::string out;
  out.append("\x93NUMPY", 6);
  out.push_back('\x01');
  out.push_back('\x00');
  uint16_t hl = static_cast<uint16_t>(header.size());
  out.push_back(static_cast<char>(hl & 0xff));
  out.push_back(static_cast<char>(hl >> 8));
  out += header;
  return out;
}

std::string npy_bytes(const Matrix& m) {
  std::string out = npy_prefix("<f4", m.rows, m.cols);
  out.reserve(out.size() + m.data.size() * 4);
  out.append(reinterpret_cast<const char*>(m.data.data()), m.data.size() * sizeof(float));
  return out;
}

void write_npy(const std::string& path, const Matrix& m) { write_file_atomic(path, npy_bytes(m)); }

namespace {

// The header is a Python dict literal; only the three keys numpy writes are read, by hand
// (std::regex recurses per character and overflows the stack on long headers).
size_t skip_spaces(const std::string& h, size_t i) {
  while (i < h.size() && (h[i] == ' ' || h[i] == '\t')) ++i;
  return i;
}

// Position just after "'key':" and the spaces that follow, or npos.
size_t value_of(const std::string& h, const std::string& key) {
  size_t at = h.find("'" + key + "':");
  return at == std::string::npos ? at : skip_spaces(h, at + key.size() + 3);
}

std::vector<size_t> parse_shape(const std::string& h, const std::string& path) {
  size_t i = value_of(h, "shape");
  if (i == std::string::npos) fail("{}: field 'shape' missing", path);
  size_t close = h.find(')', i);
  if (h[i] != '(' || close == std::string::npos) fail("{}: field 'shape': expected a tuple such as (3, 4)", path);
  std::vector<size_t> shape;
  for (i = skip_spaces(h, i + 1); i < close;) {
    size_t d = 0;
    auto [end, ec] = std::from_chars(h.data() + i, h.data() + close, d);
    if (ec == std::errc::result_out_of_range) fail("{}: field 'shape': dimension too large", path);
    if (ec != std::errc()) fail("{}: field 'shape': expected non-negative integers, got {}", path, h.substr(i, close - i));
    shape.push_back(d);
    i = skip_spaces(h, static_cast<size_t>(end - h.data()));
    if (i < close && h[i] != ',') fail("{}: field 'shape': expected ',' between dimensions", path);
    i = skip_spaces(h, i + 1);
  }
  return shape;
}

}  // namespace

NpyArray read_npy(const std::string& path) {
  std::string bytes = read_file(path);
  if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0) fail("{}: not a .npy file (bad magic)", path);
  int major = static_cast<uint8_t>(bytes[6]);
  size_t hl, off;
  if (major == 1) {
    hl = static_cast<uint8_t>(bytes[8]) | (static_cast<uint8_t>(bytes[9]) << 8);
    off = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) fail("{}: truncated .npy header", path);
    hl = 0;
    for (int i = 0; i < 4; ++i) hl |= static_cast<size_t>(static_cast<uint8_t>(bytes[8 + i])) << (8 * i);
    off = 12;
  } else {
    fail("{}: unsupported .npy version {}", path, major);
  }
  if (off + hl > bytes.size()) fail("{}: truncated .npy header", path);
  const std::string header = bytes.substr(off, hl);
  const std::string excerpt = header.substr(0, 120);
  size_t d = value_of(header, "descr");
  if (d == std::string::npos || d >= header.size() || header[d] != '\'') fail("{}: field 'descr' missing, header is {}", path, excerpt);
  const std::string descr = header.substr(d + 1, header.find('\'', d + 1) - d - 1);
  std::string_view type = descr;
  if (!type.empty() && (type[0] == '<' || type[0] == '|' || type[0] == '=')) type.remove_prefix(1);
  if (type != "f4" && type != "f8" && type != "i4" && type != "i8")
    fail("{}: field 'descr': expected <f4, <f8, <i4 or <i8, got '{}'", path, descr.substr(0, 40));
  size_t fo = value_of(header, "fortran_order");
  if (fo != std::string::npos && header.compare(fo, 4, "True") == 0) fail("{}: field 'fortran_order': expected False", path);
  NpyArray a;
  a.shape = parse_shape(header, path);
  size_t count = 1, need = 0;
  for (size_t dim : a.shape)
    if (__builtin_mul_overflow(count, dim, &count)) fail("{}: field 'shape': the number of values overflows 64 bits", path);
  const char kind = type[0];
  const size_t width = type[1] == '4' ? 4 : 8;
  const char* p = bytes.data() + off + hl;
  if (__builtin_mul_overflow(count, width, &need) || bytes.size() - off - hl < need)
    fail("{}: data truncated: shape needs {} values of {} bytes, file has {} bytes", path, count, width, bytes.size() - off - hl);
  a.values.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const char* q = p + i * width;
    if (kind == 'f' && width == 4) { float v; std::memcpy(&v, q, 4); a.values[i] = v; }
    else if (kind == 'f') { double v; std::memcpy(&v, q, 8); a.values[i] = v; }
    else if (width == 4) { int32_t v; std::memcpy(&v, q, 4); a.values[i] = v; }
    else { int64_t v; std::memcpy(&v, q, 8); a.values[i] = static_cast<double>(v); }
  }
  return a;
}

Matrix read_npy_matrix(const std::string& path) {
  NpyArray a = read_npy(path);
  if (a.shape.empty() || a.shape.size() > 2) fail("{}: field 'shape': expected 1 or 2 dimensions, got {}", path, a.shape.size());
  Matrix m(a.shape.size() == 1 ? 1 : a.shape[0], a.shape.back());
  for (size_t i = 0; i < a.values.size(); ++i) m.data[i] = static_cast<float>(a.values[i]);
  return m;
}

}  // namespace nsmlab
