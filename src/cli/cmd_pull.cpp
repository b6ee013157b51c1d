#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "hub/hub_download.h"
#include "hub/model_resolver.h"

namespace nsmlab::cli {

Action add_pull(CLI::App& app) {
  auto spec = std::make_shared<std::string>();
  auto* c = app.add_subcommand("pull", "Download a model from the Hugging Face hub into the cache Python's huggingface_hub uses");
  c->add_option("model", *spec, "Hub id ORG/NAME[@REVISION] or a known short name (e.g. labse, minilm-l6)")->required();
  return [spec] {
    const ModelName name = parse_model_name(*spec);
    const HubSettings s = hub_settings();
    std::fprintf(stderr, "nsmlab: pulling %s%s from %s into %s\n", name.repo_id.c_str(),
                 name.revision.empty() ? "" : ("@" + name.revision).c_str(), s.endpoint.c_str(), s.cache.c_str());
    const ResolvedModel m = pull_model(name, s);
    std::printf("%s@%s\n%s\n", m.id.c_str(), m.revision.c_str(), m.path.c_str());
    return 0;
  };
}

}  // namespace nsmlab::cli
