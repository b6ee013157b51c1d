#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "experiments/dataset.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace nsmlab::cli {

Action add_import(CLI::App& app) {
  auto in = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  auto* c = app.add_subcommand("import", "Convert a dataset (e.g. the original panini JSON) into nsmlab's editable format");
  c->add_option("input", *in, "Dataset to read (any supported format)")->required();
  c->add_option("output", *out, "nsmlab dataset file to write (\"-\": standard output)")->required();
  c->add_flag("--force", *force, "Replace the output file if it exists");
  return [in, out, force] {
    // An existing file may be the user's edited dataset: replaced only when asked.
    refuse_existing_output(*out, *force);
    Dataset d = load_dataset(*in);
    write_file_atomic(*out, dataset_to_json(d));
    std::printf("%s: %zu primes, %zu categories, %zu squares, %zu corpora -> %s\n", in->c_str(), d.primes.size(),
                d.categories.size(), d.squares.size(), d.corpora.size(), out->c_str());
    return 0;
  };
}

}  // namespace nsmlab::cli
