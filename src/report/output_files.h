// Every file `nsmlab run` may write into its output folder, in the order it lists them:
// the one list the runner, the tests and docs/RESULTS.md follow.
#pragma once

namespace nsmlab {

struct OutputFile {
  const char* name;
  const char* what;
};

inline constexpr OutputFile kOutputFiles[] = {
    {"results.json", "every number of the run (schema nsmlab.results/1, docs/RESULTS.md)"},
    {"primes.npy", "float32 embeddings of the primes, one row per prime"},
    {"primes.tsv", "row, id, text embedded and category of each row of primes.npy"},
    {"corpus.npy", "float32 embeddings of the corpus sentences (when the language has a corpus)"},
    {"corpus.tsv", "row, id, text embedded and isotopy of each row of corpus.npy"},
    {"tsne.png", "H1 figure"},
    {"tsne.svg", "H1 figure, vector"},
    {"squares.png", "H2 figure"},
    {"squares.svg", "H2 figure, vector"},
    {"isotopies.png", "H3 figure"},
    {"isotopies.svg", "H3 figure, vector"},
    {"report.html", "the report, self-contained"},
    {"report.md", "the report in Markdown, figures beside it"},
};

// What `nsmlab run --models A,B,...` writes beside the models' subfolders (each holding the
// files above).
inline constexpr OutputFile kComparisonFiles[] = {
    {"comparison.json", "every number of the comparison (schema nsmlab.comparison/1, docs/RESULTS.md)"},
    {"agreement_cka.png", "linear CKA between each pair of models' prime embeddings, heatmap"},
    {"agreement_cka.svg", "the same, vector"},
    {"agreement_rsa.png", "Spearman correlation of each pair of models' pairwise distances (RSA), heatmap"},
    {"agreement_rsa.svg", "the same, vector"},
    {"comparison.html", "the comparison report, self-contained"},
    {"comparison.md", "the comparison report in Markdown, figures beside it"},
};

}  // namespace nsmlab
