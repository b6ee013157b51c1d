// `nsmlab corpus-h3`: H3's PCA and isotopy correlations over a corpus embedded by `embed
// --output DIR/`, by one process or shared across the ranks of an MPI job (src/corpus/).
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "corpus/corpus_h3.h"
#include "corpus/embed_shard_rows.h"
#include "experiments/dataset.h"
#include "stream/ranks.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/timer.h"

namespace nsmlab::cli {

Action add_corpus_h3(CLI::App& app) {
  struct Opts {
    std::string embeddings, texts, dataset, language, output = "-";
    H3Options h3;
    bool force = false;
  };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand("corpus-h3",
                               "H3 (PCA of a corpus, isotopy correlations) over embed's folder of shards; under mpirun "
                               "or srun the ranks share the rows (no process holds the corpus)");
  c->add_option("--embeddings", o->embeddings, "Folder written by `embed --output DIR/` (float32)")->required();
  c->add_option("--texts", o->texts, "The texts the rows encode (default: the input the manifest names)");
  c->add_option("--language", o->language, "Language of the isotopy lexicon in the dataset (en, fr, ...)")->required();
  c->add_option("--dataset", o->dataset, "Dataset file with the isotopy lexicons (default: built-in)");
  c->add_option("--output", o->output, "JSON file to write (\"-\": standard output)")->capture_default_str();
  c->add_flag("--force", o->force, "Replace the output file if it exists");
  c->add_option("--components", o->h3.max_components, "PCA components (at most n-1)")
      ->check(CLI::Range(1, 100000))->capture_default_str();
  c->add_option("--r-threshold", o->h3.r_threshold, "An isotopy converges if best |r| > this")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_option("--isotopy-threshold", o->h3.rate_threshold, "H3 holds if the converging rate > this")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_option("--min-occurrences", o->h3.min_occurrences, "Skip isotopies found in fewer sentences")
      ->check(CLI::Range(1, 1000000))->capture_default_str();
  return [o] {
    if (o->output != "-") refuse_existing_output(o->output, o->force);
    Ranks ranks;
    try {
      Timer t;
      const Dataset dataset = o->dataset.empty() ? builtin_dataset() : load_dataset(o->dataset);
      const EmbedShards shards = read_embed_shards(o->embeddings);
      const Json h3 = corpus_h3(ranks, shards.columns, rank_rows(shards, o->texts, ranks.rank(), ranks.size()), dataset,
                                o->language, o->h3);
      if (ranks.rank() == 0) {
        const std::string text = h3.dump(1) + "\n";
        if (o->output == "-") std::fwrite(text.data(), 1, text.size(), stdout);
        else write_file_atomic(o->output, text);
        std::fprintf(stderr, "nsmlab: H3 over %zu sentences x %zu dimensions by %d rank%s in %.3f s%s%s\n", shards.rows,
                     shards.columns, ranks.size(), ranks.size() > 1 ? "s" : "", t.seconds(),
                     o->output == "-" ? "" : " -> ", o->output == "-" ? "" : o->output.c_str());
      }
    } catch (const std::exception& e) {
      if (ranks.size() > 1) ranks.abort_all(e.what());
      throw;
    }
    return 0;
  };
}

}  // namespace nsmlab::cli
