#include "util/npy.h"

#include <cstdint>
#include <cstring>
#include <regex>

#include "util/atomic_file.h"
#include "util/error.h"

namespace nsmlab {

std::string npy_bytes(const Matrix& m) {
  std::string header = fmt::format("{{'descr': '<f4', 'fortran_order': False, 'shape': ({}, {}), }}", m.rows, m.cols);
  // Magic (6) + version (2) + header length (2) + header, padded with spaces to a
  // multiple of 64 and ended by a newline, as the format requires.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string out;
  out.reserve(10 + header.size() + m.data.size() * 4);
  out.append("\x93NUMPY", 6);
  out.push_back('\x01');
  out.push_back('\x00');
  uint16_t hl = static_cast<uint16_t>(header.size());
  out.push_back(static_cast<char>(hl & 0xff));
  out.push_back(static_cast<char>(hl >> 8));
  out += header;
  out.append(reinterpret_cast<const char*>(m.data.data()), m.data.size() * sizeof(float));
  return out;
}

void write_npy(const std::string& path, const Matrix& m) { write_file_atomic(path, npy_bytes(m)); }

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
  std::string header = bytes.substr(off, hl);
  std::smatch mdescr, mshape;
  if (!std::regex_search(header, mdescr, std::regex("'descr':\\s*'([<|=]?)([fi])(\\d)'")))
    fail("{}: field 'descr': expected <f4, <f8, <i4 or <i8, header is {}", path, header);
  if (header.find("'fortran_order': True") != std::string::npos) fail("{}: field 'fortran_order': expected False", path);
  if (!std::regex_search(header, mshape, std::regex("'shape':\\s*\\(([^)]*)\\)"))) fail("{}: field 'shape' missing", path);
  NpyArray a;
  std::string dims = mshape[1];
  std::regex num("\\d+");
  for (auto it = std::sregex_iterator(dims.begin(), dims.end(), num); it != std::sregex_iterator(); ++it)
    a.shape.push_back(std::stoull(it->str()));
  size_t count = 1;
  for (size_t d : a.shape) count *= d;
  char kind = mdescr[2].str()[0];
  int width = std::stoi(mdescr[3]);
  if (width != 4 && width != 8) fail("{}: field 'descr': unsupported width {}", path, width);
  const char* p = bytes.data() + off + hl;
  if (bytes.size() - off - hl < count * width)
    fail("{}: data truncated: shape needs {} bytes, file has {}", path, count * width, bytes.size() - off - hl);
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
