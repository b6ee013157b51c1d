// Shared by the H1/H2/H3 tests: the panini reference data (read from the shared
// reference folder, never copied) and the synthetic embeddings + expected numbers of
// tools/fixtures/make_experiment_fixtures.py.
#pragma once
#include <string>
#include <vector>

#include "experiments/dataset.h"
#include "experiments/experiment_options.h"
#include "util/json_file.h"
#include "util/matrix.h"
#include "util/npy.h"

namespace nsmlab::testing {

inline const Dataset& panini() {
  static const Dataset d = load_dataset(std::string(NSMLAB_SHARED_DIR) + "/reference/panini_reference_data.json");
  return d;
}

inline std::string experiment_fixture(const std::string& name) {
  return std::string(NSMLAB_FIXTURES_DIR) + "/experiments/" + name;
}

inline const Json& expected() {
  static const Json j = load_json(experiment_fixture("expected.json"));
  return j;
}

inline Matrix fixture_matrix(const std::string& name) { return read_npy_matrix(experiment_fixture(name)); }

inline std::vector<const Prime*> prime_pointers(const Dataset& d) {
  std::vector<const Prime*> out;
  for (const Prime& p : d.primes) out.push_back(&p);
  return out;
}

// Fast significance settings for tests.
inline SignificanceOptions quick_significance() {
  SignificanceOptions s;
  s.permutations = 200;
  s.bootstrap = 200;
  return s;
}

}  // namespace nsmlab::testing
