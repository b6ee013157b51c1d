#include "bench_run/workloads.h"

#include "advise/bench_results.h"
#include "util/error.h"

namespace nsmlab {

std::vector<BenchWorkload> guide_workloads(const Dataset& d, const std::string& lang) {
  BenchWorkload primes{"primes", "", {}}, corpus{"corpus", "", {}}, thousand{"sentences-1000", "1000 sentences", {}};
  for (const Prime& p : d.primes)
    if (auto it = p.exponents.find(lang); it != p.exponents.end() && !it->second.empty()) primes.texts.push_back(it->second.front());
  if (auto it = d.corpora.find(lang); it != d.corpora.end())
    for (const CorpusSentence& s : it->second) corpus.texts.push_back(s.text);
  if (primes.texts.empty() || corpus.texts.empty())
    fail("{}: the dataset has no primes or no corpus in language '{}'", d.origin, lang);
  primes.label = fmt::format("{} primes", primes.texts.size());
  corpus.label = fmt::format("corpus ({})", corpus.texts.size());
  for (size_t i = 0; thousand.texts.size() < 1000; ++i) thousand.texts.push_back(corpus.texts[i % corpus.texts.size()]);
  // Calls of 1, 2 and 3 corpus sentences: three row counts the warm-up (one prime) has not made.
  BenchWorkload overhead{kBatchOverheadWorkload, "batch overhead", {}, {1, 2, 3}};
  for (size_t i = 0; i < 6; ++i) overhead.texts.push_back(corpus.texts[i % corpus.texts.size()]);
  return {overhead, primes, corpus, thousand};
}

}  // namespace nsmlab
