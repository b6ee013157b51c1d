// nsmlab: sentence embeddings and the NSM-Greimas experiments, natively.
#include <cstdio>
#include <exception>

#include "cli/cli_helpers.h"
#include "cli/commands.h"
#include "runner/run_metadata.h"
#include "util/error.h"

int main(int argc, char** argv) {
  CLI::App app{"nsmlab: run sentence-transformers models natively and test NSM primes and Greimas squares "
               "in their geometry"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("nsmlab ") + nsmlab::kNsmlabVersion);
  std::vector<std::pair<CLI::App*, nsmlab::cli::Action>> actions;
  auto sub = [&](auto add) {
    size_t before = app.get_subcommands({}).size();
    auto action = add(app);
    actions.emplace_back(app.get_subcommands({})[before], std::move(action));
  };
  sub(nsmlab::cli::add_run);
  sub(nsmlab::cli::add_embed);
  sub(nsmlab::cli::add_corpus_h3);
  sub(nsmlab::cli::add_info);
  sub(nsmlab::cli::add_devices);
  sub(nsmlab::cli::add_models);
  sub(nsmlab::cli::add_pull);
  sub(nsmlab::cli::add_import);
  sub(nsmlab::cli::add_tokenize);
  sub(nsmlab::cli::add_bench);
  sub(nsmlab::cli::add_advise);
  sub(nsmlab::cli::add_convert);
  sub(nsmlab::cli::add_serve);
  sub(nsmlab::cli::add_cache);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    // A misspelt subcommand or option gets the nearest real one.
    if (rc != 0) {
      const std::string hint = nsmlab::cli::parse_error_hint(app, argc, argv);
      if (!hint.empty()) std::fprintf(stderr, "%s\n", hint.c_str());
    }
    return rc;
  }
  try {
    for (auto& [cmd, action] : actions)
      if (cmd->parsed()) return action();
  } catch (const nsmlab::Error& e) {
    std::fprintf(stderr, "nsmlab: error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nsmlab: internal error: %s\n", e.what());
    return 2;
  }
  return 0;
}
