// The rows of a folder written by `embed --output DIR/` (manifest.json and float32 shards),
// shared out among ranks: rank r reads the shards s with s mod N = r, and their texts from the
// input file the manifest names (or another given file), skipping the other ranks' texts.
#pragma once
#include <string>
#include <vector>

#include "corpus/corpus_h3.h"
#include "util/text_input.h"

namespace nsmlab {

struct EmbedShards {
  struct Shard {
    std::string path;
    size_t first_row = 0, rows = 0;
  };
  std::string dir;
  size_t rows = 0, columns = 0;
  std::vector<Shard> shards;
  std::string input;  // the texts' file, as embed recorded it
  TextInputOptions input_options;
};

// Reads and checks DIR/manifest.json (untrusted: every field is checked).
EmbedShards read_embed_shards(const std::string& dir);

// This rank's rows in shard order, for corpus_h3. `texts` replaces the manifest's input when
// not empty. The shard files are checked (header, size) as they are read.
CorpusRows rank_rows(const EmbedShards& shards, const std::string& texts, int rank, int ranks);

}  // namespace nsmlab
