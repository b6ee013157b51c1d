// What `embed --output-dtype` stores per embedding value, and how each is computed from the
// float32 embedding x (after --normalize, when given). One row of d floats becomes:
//   float32  d little-endian IEEE binary32 values ('<f4'): x itself.
//   float16  d binary16 values ('<f2'): x rounded to nearest, ties to even (numpy's astype(float16)).
//   int8     d signed bytes ('|i1'): q = clamp(round_half_even(127 * x), -127, 127), so x ~ q / 127.
//            Meant for L2-normalised embeddings (|x| <= 1); values beyond +-1 saturate and are counted.
//            This fixed symmetric scale is what lets int8 stream; sentence-transformers'
//            quantize_embeddings(precision="int8") instead maps per-dimension [min, max] ranges
//            computed from all embeddings (or a calibration set) to 256 buckets.
//   binary   ceil(d / 8) signed bytes ('|i1'): the bits (x > 0) packed 8 per byte, first value in
//            the most significant bit (numpy.packbits), the last byte padded with zero bits, then
//            minus 128: exactly sentence-transformers' quantize_embeddings(precision="binary").
//   ubinary  the same packed bytes without the -128 ('|u1'): precision="ubinary".
#pragma once
#include <cstddef>
#include <string>

#include "util/matrix.h"

namespace nsmlab {

enum class OutputDtype { float32, float16, int8, binary, ubinary };

// "float32", "float16", "int8", "binary" or "ubinary"; anything else fails naming --output-dtype.
OutputDtype parse_output_dtype(const std::string& name);
std::string output_dtype_name(OutputDtype t);
const char* npy_descr(OutputDtype t);           // numpy's type string
size_t output_columns(OutputDtype t, size_t d);  // values (or packed bytes) per row
size_t output_value_bytes(OutputDtype t);        // bytes per stored value

// Appends the rows of `m` converted as above; returns how many values saturated (int8 only).
size_t append_converted(const Matrix& m, OutputDtype t, std::string& out);

}  // namespace nsmlab
