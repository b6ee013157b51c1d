// The parts of nsmlab._native, one file each; module.cpp assembles them.
#pragma once
#include <pybind11/pybind11.h>

#include <string>

#include "util/json_file.h"

namespace nsmlab::python {

void bind_sentence_model(pybind11::module_& m);
void bind_experiments(pybind11::module_& m);
void bind_run(pybind11::module_& m);

// nsmlab's JSON as Python objects (dict, list, str, float, ...), through the json module.
pybind11::object to_python(const Json& j);

}  // namespace nsmlab::python
