// numpy's legacy generator, numpy.random.RandomState(seed) with an integer seed, for the
// draws scikit-learn makes: the same seed gives the same numbers as in Python.
#pragma once
#include <cstdint>
#include <random>
#include <vector>

namespace nsmlab {

class NumpyRandomState {
 public:
  // RandomState(int) seeds MT19937 with init_genrand (not init_by_array, which numpy uses
  // for arrays of seeds): exactly what std::mt19937's integer constructor does.
  explicit NumpyRandomState(uint32_t seed) : mt_(seed) {}

  uint32_t next_uint32() { return static_cast<uint32_t>(mt_()); }

  // randint(high): uniform on [0, high), by masked rejection on 32-bit draws (high <= 2^32).
  int64_t randint(int64_t high);

  // random_sample() / uniform(): 53-bit double in [0, 1) from two 32-bit draws.
  double random_sample();

  // choice(len(p), p=p) for one sample: p's cumulative sum (normalised by its last value)
  // searched from the right for one random_sample().
  int64_t choice(const std::vector<double>& p);

 private:
  std::mt19937 mt_;
};

}  // namespace nsmlab
