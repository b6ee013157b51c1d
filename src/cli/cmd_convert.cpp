#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "model/convert_folder.h"
#include "util/error.h"
#include "util/staging_directory.h"

namespace nsmlab::cli {

Action add_convert(CLI::App& app) {
  struct Opts {
    std::string dir, output;
  };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand(
      "convert", "Copy a model folder with every pytorch_model.bin or sharded index written as model.safetensors");
  c->add_option("dir", o->dir, "Model folder to read (left unchanged)")->required();
  c->add_option("--output", o->output, "New folder to write (default: DIR-safetensors); never replaced");
  return [o] {
    std::string dir = o->dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    const std::string out = o->output.empty() ? dir + "-safetensors" : o->output;
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(out, ec)))
      fail("{}: already exists; convert never replaces anything: choose another --output", out);
    StagingDirectory staging(out, StagingDirectory::Mode::NewFolder);  // filled aside, moved in whole
    const std::vector<ConvertedFile> done = convert_to_safetensors(dir, staging.path());
    const std::string where = staging.commit();
    for (const ConvertedFile& f : done)
      std::fprintf(stderr, "nsmlab: %s -> %s (%zu tensors, %.1f MB)\n", f.from.c_str(), f.to.c_str(), f.tensors,
                   f.bytes / 1e6);
    if (done.empty()) std::fprintf(stderr, "nsmlab: the weights were safetensors already: copied\n");
    std::printf("%s\n", where.c_str());
    return 0;
  };
}

}  // namespace nsmlab::cli
