// embed's long-text options and report: --long-text, --chunk-overlap, the sentence on standard
// error and the record next to the output (manifest.json of a folder, <output>.long-text.json
// beside a .npy file).
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "engine/long_text.h"
#include "engine/sentence_encoder.h"

namespace nsmlab::cli {

struct LongTextArgs {
  std::string mode = "truncate";
  size_t overlap = 0;
  bool overlap_given = false;
};

void add_long_text_options(CLI::App& command, LongTextArgs& args);
// Sets options.long_text and chunk_overlap; an overlap without chunk is refused.
void apply_long_text_args(const LongTextArgs& args, EncodeOptions& options);

// The side file of a .npy output: written when some text was long, else an earlier run's removed
// (it would describe a file this run replaced); nothing else of that name is touched.
std::string long_text_side_file(const std::string& npy_output);
void write_long_text_side_file(const std::string& npy_output, const Json& report, bool some_long);

}  // namespace nsmlab::cli
