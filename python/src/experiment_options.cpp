#include "experiment_options.h"

#include <fmt/format.h>

#include <vector>

#include "util/error.h"

namespace py = pybind11;

namespace nsmlab::python {

py::object OptionReader::take(const char* name) {
  if (!left_.contains(name)) return py::none();
  py::object v = left_[name];
  PyDict_DelItemString(left_.ptr(), name);
  return v;
}

void OptionReader::read(const char* name, int& value) {
  py::object v = take(name);
  if (v.is_none()) return;
  if (py::isinstance<py::bool_>(v) || !py::isinstance<py::int_>(v))
    fail("{}: option '{}' expects an integer, got {}", where_, name, std::string(py::repr(v)));
  const long long n = v.cast<long long>();
  if (n < 0 || n > 1'000'000'000) fail("{}: option '{}' expects 0 to 1000000000, got {}", where_, name, n);
  value = static_cast<int>(n);
}

void OptionReader::read(const char* name, uint64_t& value) {
  py::object v = take(name);
  if (v.is_none()) return;
  if (py::isinstance<py::bool_>(v) || !py::isinstance<py::int_>(v) || v.cast<py::int_>() < py::int_(0))
    fail("{}: option '{}' expects a non-negative integer, got {}", where_, name, std::string(py::repr(v)));
  value = v.cast<uint64_t>();
}

void OptionReader::read(const char* name, double& value) {
  py::object v = take(name);
  if (v.is_none()) return;
  if (py::isinstance<py::bool_>(v) || !(py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v)))
    fail("{}: option '{}' expects a number, got {}", where_, name, std::string(py::repr(v)));
  value = v.cast<double>();
}

void OptionReader::read(const char* name, bool& value) {
  py::object v = take(name);
  if (v.is_none()) return;
  if (!py::isinstance<py::bool_>(v)) fail("{}: option '{}' expects True or False, got {}", where_, name, std::string(py::repr(v)));
  value = v.cast<bool>();
}

void OptionReader::read(SignificanceOptions& s) {
  read("permutations", s.permutations);
  read("bootstrap", s.bootstrap);
  read("level", s.level);
  read("significance_seed", s.seed);
  read("jackknife", s.jackknife);
  if (!(s.level > 0 && s.level < 1)) fail("{}: option 'level' expects a confidence level between 0 and 1, got {}", where_, s.level);
}

void OptionReader::finish() const {
  if (left_.empty()) return;
  std::vector<std::string> names;
  for (auto item : left_) names.push_back(py::str(item.first));
  fail("{}: unknown option(s) {}", where_, fmt::join(names, ", "));
}

}  // namespace nsmlab::python
