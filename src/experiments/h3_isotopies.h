// H3: are isotopies visible in the geometry of a corpus?
//
// The original: PCA of the corpus embeddings to min(10, n-1) components; for each target
// isotopy a 0/1 presence vector (any lexicon form as a whole word, case-insensitive);
// isotopies with fewer than 3 occurrences are skipped; Pearson r of the presence with
// each component, best |r|; an isotopy converges if |r| > 0.6. Rate = converging /
// number of TARGET isotopies (skipped ones count in the denominator, as in the
// original); H3 holds if rate > 0.6. Added: a permutation p-value per isotopy (presence
// shuffled, statistic max |r|) and a global one for the rate (sentences shuffled
// against the components, jointly for all isotopies).
//
// In the JSON, "best_component" is 1-based (1 = PC1); "r" lists PC1, PC2, ...
#pragma once
#include <map>
#include <string>
#include <vector>

#include "experiments/dataset.h"
#include "experiments/experiment_options.h"
#include "util/json_file.h"
#include "util/matrix.h"

namespace nsmlab {

// The forms that detect each target isotopy in `language`: its exponents (with inflections)
// and its synonyms, as the original's single lexicon did; empty when the dataset has no lexicon
// for the language. Shared with the corpus-wide H3 (src/corpus/corpus_h3.h).
// Why an isotopy is skipped (empty: it is analysed), the rule shared by run's H3 and corpus-h3.
std::string isotopy_skip_reason(bool has_forms, const std::string& target, const std::string& language,
                                long long occurrences, long long min_occurrences, size_t sentences);

std::map<std::string, std::vector<std::string>> h3_detection_lexicon(const Dataset& dataset, const std::string& language);

// `corpus_embeddings` row i encodes corpus[i].text; the lexicon is the dataset's for
// `language`. Returns the "h3" fragment of results.json.
Json run_h3(const Matrix& corpus_embeddings, const std::vector<CorpusSentence>& corpus, const Dataset& dataset,
            const std::string& language, const H3Options& options, const SignificanceOptions& significance);

}  // namespace nsmlab
