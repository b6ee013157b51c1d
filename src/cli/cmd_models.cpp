#include <cstdio>

#include "cli/commands.h"
#include "hub/known_models.h"
#include "hub/model_cache.h"

namespace nsmlab::cli {

Action add_models(CLI::App& app) {
  app.add_subcommand("models", "List the models found on this machine and the ones nsmlab knows");
  return [] {
    auto local = find_local_models();
    std::printf("Models on this machine (%zu):\n", local.size());
    for (const auto& m : local)
      std::printf("  %-60s %s%s\n", m.repo_id.c_str(), m.complete ? "" : "INCOMPLETE (missing ",
                  m.complete ? m.path.c_str() : (m.missing + ")").c_str());
    if (local.empty()) std::printf("  none\n");
    std::printf("\nModels the researchers compare (preference order for `nsmlab run`):\n");
    for (const auto& k : known_models()) {
      std::printf("  %-58s %6.0fM %-18s%s\n", k.repo_id.c_str(), k.parameters_millions, k.short_name.c_str(),
                  k.prompt.empty() ? "" : ("prompt \"" + k.prompt + "\"").c_str());
      std::printf("      languages: %s\n", k.describe_languages().c_str());
    }
    std::printf("\n%s\n", how_to_get_models().c_str());
    return 0;
  };
}

}  // namespace nsmlab::cli
