#include "cli/embed_output_kinds.h"

#include <fmt/format.h>

#include <cstring>

#include "engine/m3_encoder.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/npy.h"

namespace nsmlab::cli {

namespace {

// .npy (format 1.0) of int64 values, one dimension.
std::string int64_npy(const std::vector<int64_t>& values) {
  std::string header = fmt::format("{{'descr': '<i8', 'fortran_order': False, 'shape': ({},), }}", values.size());
  header += std::string(63 - (10 + header.size()) % 64, ' ') + '\n';  // pad so the data starts on 64 bytes
  std::string out = std::string("\x93NUMPY\x01\x00", 8);
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  out += header;
  const size_t at = out.size();
  out.resize(at + values.size() * 8);
  if (!values.empty()) std::memcpy(out.data() + at, values.data(), values.size() * 8);
  return out;
}

}  // namespace

std::string colbert_offsets_path(const std::string& output) {
  const std::string stem =
      output.size() > 4 && output.compare(output.size() - 4, 4, ".npy") == 0 ? output.substr(0, output.size() - 4) : output;
  return stem + ".offsets.npy";
}

std::string write_m3_output(NeuralEncoder& encoder, const std::string& kind, const std::vector<std::string>& texts,
                            const std::string& prompt, const std::string& output) {
  M3Encoder m3(encoder);
  if (kind == "sparse") {
    std::string lines;
    size_t weights = 0;
    for (const auto& w : m3.lexical_weights(texts, prompt)) {
      lines += '{';
      bool first = true;
      for (const auto& [id, value] : w) {
        lines += fmt::format("{}\"{}\": {}", first ? "" : ", ", id, value);  // shortest round-trip float
        first = false;
      }
      lines += "}\n";
      weights += w.size();
    }
    write_file_atomic(output, lines);
    return fmt::format("{} texts -> {} ({} lexical weights, JSON lines)", texts.size(), output, weights);
  }
  if (kind != "colbert") fail("--output-kind: '{}' is not one of dense, sparse, colbert", kind);
  if (output == "-") fail("--output-kind colbert writes two files (vectors and offsets): give --output a file name");
  const std::vector<Matrix> vectors = m3.colbert_vectors(texts, prompt);
  size_t total = 0;
  for (const Matrix& m : vectors) total += m.rows;
  Matrix all(total, m3.colbert_dimension());
  std::vector<int64_t> offsets{0};
  for (const Matrix& m : vectors) {
    if (!m.data.empty()) std::memcpy(all.row(size_t(offsets.back())), m.data.data(), m.data.size() * sizeof(float));
    offsets.push_back(offsets.back() + int64_t(m.rows));
  }
  write_npy(output, all);
  write_file_atomic(colbert_offsets_path(output), int64_npy(offsets));
  return fmt::format("{} texts -> {} ({} x {} float32) + {}", texts.size(), output, all.rows, all.cols,
                     colbert_offsets_path(output));
}

}  // namespace nsmlab::cli
