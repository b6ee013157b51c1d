// The options of `embed` and `tokenize` that say how their --input is read, in one place.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "util/text_input.h"

namespace nsmlab::cli {

struct TextInputArgs {
  std::string path;
  std::string format;  // empty: by extension
  TextInputOptions limits;
  // The options as read_texts takes them (--format checked here, after parsing).
  TextInputOptions options() const;
};

// Refuses an input read line by line whose format says otherwise: a .json (one array or
// object: it would become a few texts of JSON syntax) or a .csv/.tsv (every column would be
// embedded together), unless --format was given.
void refuse_structured_text_file(const TextInputArgs& args);

// Adds --input (required), --format, --max-line-bytes, --max-input-bytes and --max-texts.
void add_text_input_options(CLI::App& command, TextInputArgs& args);

}  // namespace nsmlab::cli
