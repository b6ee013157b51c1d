// One function per subcommand: each registers its options on the CLI11 app and
// returns the action to run once parsing succeeded.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace nsmlab::cli {

using Action = std::function<int()>;

Action add_devices(CLI::App& app);
Action add_embed(CLI::App& app);
Action add_info(CLI::App& app);
Action add_run(CLI::App& app);
Action add_import(CLI::App& app);
Action add_models(CLI::App& app);
Action add_pull(CLI::App& app);
Action add_tokenize(CLI::App& app);
Action add_bench(CLI::App& app);
Action add_advise(CLI::App& app);
Action add_convert(CLI::App& app);
Action add_serve(CLI::App& app);
Action add_cache(CLI::App& app);
Action add_corpus_h3(CLI::App& app);

}  // namespace nsmlab::cli
