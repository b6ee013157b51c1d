// Keyword options from Python (h1(..., n_init=5)) onto the experiments' option structs, whose
// defaults stay the one source of truth (experiments/experiment_options.h). Unknown names and
// wrong types are errors naming the option.
#pragma once
#include <pybind11/pybind11.h>

#include <string>

#include "experiments/experiment_options.h"

namespace nsmlab::python {

class OptionReader {
 public:
  OptionReader(const pybind11::dict& options, std::string where)
      : left_(pybind11::reinterpret_steal<pybind11::dict>(PyDict_Copy(options.ptr()))), where_(std::move(where)) {}
  void read(const char* name, int& value);
  void read(const char* name, uint64_t& value);
  void read(const char* name, double& value);
  void read(const char* name, bool& value);
  // The significance options every experiment takes (permutations, bootstrap, level,
  // significance_seed, jackknife), named as `nsmlab run`'s flags.
  void read(SignificanceOptions& s);
  // Fails on any option not read.
  void finish() const;

 private:
  pybind11::object take(const char* name);
  pybind11::dict left_;
  std::string where_;
};

}  // namespace nsmlab::python
