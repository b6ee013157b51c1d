// The guide's workloads, built from the built-in dataset: the batch overhead (advise's second
// calibration point), the 65 primes (their main form), the corpus, and 1000 sentences (the corpus repeated: nsmlab caches nothing between texts,
// so a repeated sentence costs what a new one of the same length costs).
#pragma once
#include <string>
#include <vector>

#include "experiments/dataset.h"

namespace nsmlab {

struct BenchWorkload {
  std::string name;   // "primes", "corpus", "sentences-1000"
  std::string label;  // for the table
  std::vector<std::string> texts;
  // Encoder calls of these many texts each, in order (empty: packed up to kBenchBatchTokens).
  std::vector<size_t> batch_sizes;
};

std::vector<BenchWorkload> guide_workloads(const Dataset& d, const std::string& language);

}  // namespace nsmlab
