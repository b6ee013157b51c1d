// NumPy .npy files (format 1.0), the exchange format researchers load with numpy.load.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "util/matrix.h"

namespace nsmlab {

// The bytes before the data of a 2-D C-order array: magic, version 1.0, header length and the
// header dict, padded with spaces so that the data starts at a multiple of 64 bytes and at
// least at `min_prefix_bytes` (room to rewrite the shape in place once a streamed file is done).
// `descr` is numpy's type string: "<f4", "<f2", "|i1", "|u1".
std::string npy_prefix(std::string_view descr, size_t rows, size_t cols, size_t min_prefix_bytes = 0);

// Serialises a float32 2-D array (shape rows x cols) as .npy bytes.
std::string npy_bytes(const Matrix& m);
// Writes it atomically.
void write_npy(const std::string& path, const Matrix& m);

// An array read from .npy: always returned as float64 values, with its shape.
struct NpyArray {
  std::vector<size_t> shape;
  std::vector<double> values;
};
// Reads little-endian <f4, <f8, <i4, <i8 arrays in C order; errors name the file and field.
NpyArray read_npy(const std::string& path);
// Convenience: a 1-D or 2-D array as a float matrix (1-D becomes one row).
Matrix read_npy_matrix(const std::string& path);

}  // namespace nsmlab
