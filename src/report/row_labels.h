// What each row of primes.npy and corpus.npy is: row number, id, the text that was embedded
// (before the model's prompt, which metadata.prompt gives) and its label. The same rows go
// into results.json ("rows") and, as tab-separated files, beside the .npy files.
#pragma once
#include <string>
#include <vector>

#include "experiments/dataset.h"
#include "util/json_file.h"

namespace nsmlab {

// [{row, id, text, category}], row i of primes.npy embeds texts[i] for primes[i].
Json prime_rows(const std::vector<const Prime*>& primes, const std::vector<std::string>& texts);
// [{row, id, text, isotopy}], id "<language>-<row>" (corpus sentences have no id of their own).
Json corpus_rows(const std::vector<CorpusSentence>& sentences, const std::string& language);

// A header line with the keys of the first row, then one line per row. Tabs, newlines and
// backslashes inside values are written \t, \n, \\ so that every row stays one line.
std::string rows_tsv(const Json& rows);

}  // namespace nsmlab
