// Small pieces the subcommands share: option transforms and the "did you mean" hint.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace nsmlab::cli {

// Lower-cases an option's value ("FR" -> "fr"); prints nothing in --help.
CLI::Validator lowercase();

// Levenshtein distance (bytes), for suggestions only.
size_t edit_distance(const std::string& a, const std::string& b);

// "did you mean 'run'?" for the closest of `candidates` within 2 edits (or a third of the
// word's length for long names); "" when none is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

// For a parse error of `app`: a hint naming the subcommand or option that each unexpected
// argument in `argv` may have meant ("" when none).
std::string parse_error_hint(const CLI::App& app, int argc, const char* const* argv);

}  // namespace nsmlab::cli
