// Matrices across the language boundary: an encoder's Matrix handed to numpy without a copy
// (the array owns the C++ buffer), and a numpy array read into a Matrix (checked).
#pragma once
#include <pybind11/numpy.h>

#include <string>

#include "util/matrix.h"

namespace nsmlab::python {

// float32 array of shape (rows, cols), or (cols,) when `one_row`; takes m's buffer.
pybind11::array_t<float> matrix_to_numpy(Matrix&& m, bool one_row = false);

// A 2-D array of real numbers, every value finite; `what` names it in errors.
Matrix numpy_to_matrix(const pybind11::handle& array, const std::string& what);

}  // namespace nsmlab::python
