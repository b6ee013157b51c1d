// placeholder, written next
#include "cli/commands.h"
namespace nsmlab::cli {
Action add_advise(CLI::App& app) {
  app.add_subcommand("advise", "Which hardware to rent for a workload");
  return [] { return 0; };
}
}  // namespace nsmlab::cli
