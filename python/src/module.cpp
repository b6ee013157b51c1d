// nsmlab._native: the C++ library seen from Python. nsmlab::Error becomes nsmlab.Error (a
// RuntimeError) with the library's message; every other C++ exception a Python one too.
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "util/error.h"

namespace py = pybind11;

namespace nsmlab::python {

py::object to_python(const Json& j) {
  return py::module_::import("json").attr("loads")(j.dump());
}

}  // namespace nsmlab::python

PYBIND11_MODULE(_native, m) {
  m.doc() = "nsmlab's C++ library (use the nsmlab package, not this module)";
  py::register_exception<nsmlab::Error>(m, "Error", PyExc_RuntimeError);
  nsmlab::python::bind_sentence_model(m);
  nsmlab::python::bind_experiments(m);
  nsmlab::python::bind_run(m);
}
