#include "numpy_matrix.h"

#include <cmath>
#include <memory>
#include <vector>

#include "util/error.h"

namespace py = pybind11;

namespace nsmlab::python {

py::array_t<float> matrix_to_numpy(Matrix&& m, bool one_row) {
  // The vector moves to the heap and a capsule deletes it with the array: no copy of the rows.
  auto owner = std::make_unique<std::vector<float>>(std::move(m.data));
  float* data = owner->data();
  py::capsule base(owner.get(), [](void* p) { delete static_cast<std::vector<float>*>(p); });
  owner.release();
  const auto cols = static_cast<py::ssize_t>(m.cols);
  if (one_row) return py::array_t<float>({cols}, {py::ssize_t(sizeof(float))}, data, base);
  return py::array_t<float>({static_cast<py::ssize_t>(m.rows), cols},
                            {cols * py::ssize_t(sizeof(float)), py::ssize_t(sizeof(float))}, data, base);
}

Matrix numpy_to_matrix(const py::handle& array, const std::string& what) {
  py::array any = py::array::ensure(array);
  if (!any) fail("{}: expected a 2-D array of numbers (a numpy array or nested lists)", what);
  if (any.ndim() != 2) fail("{}: expected a 2-D array (one row per item), got {} dimension(s)", what, any.ndim());
  const auto kind = any.dtype().kind();
  if (kind != 'f' && kind != 'i' && kind != 'u')
    fail("{}: expected real numbers, got numpy dtype '{}'", what, std::string(py::str(any.dtype())));
  auto a = py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(any);
  Matrix m(static_cast<size_t>(a.shape(0)), static_cast<size_t>(a.shape(1)));
  const float* src = a.data();
  for (size_t i = 0; i < m.rows; ++i)
    for (size_t j = 0; j < m.cols; ++j) {
      const float v = src[i * m.cols + j];
      if (!std::isfinite(v)) fail("{}: row {}, column {} is {} (every value must be finite)", what, i, j, v);
      m(i, j) = v;
    }
  return m;
}

}  // namespace nsmlab::python
