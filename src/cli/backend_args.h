// --backend, --precision, --threads and --insist, the same on every command that computes
// embeddings (run, embed, bench).
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "backend/backend_options.h"

namespace nsmlab::cli {

struct BackendArgs {
  std::string backend = "auto", precision = "auto";
  int threads = 0;
  bool insist = false;
};

void add_backend_options(CLI::App& cmd, BackendArgs& args);
// Checked here, so a typo fails before any work; `policy` says what "auto" optimises.
BackendOptions backend_options(const BackendArgs& args, AutoPolicy policy);

}  // namespace nsmlab::cli
