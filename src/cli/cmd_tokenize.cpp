#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/text_input_options.h"
#include "hub/model_resolver.h"
#include "model/model_folder.h"
#include "tokenizer/tokenizer.h"
#include "util/atomic_file.h"
#include "util/json_file.h"
#include "util/text_input.h"

namespace nsmlab::cli {

Action add_tokenize(CLI::App& app) {
  struct Opts {
    std::string model, output;
    TextInputArgs input;
    size_t max_seq_len = 0;
    bool force = false;
  };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand("tokenize", "Write the token ids of each text as JSONL (what `embed` feeds the network)");
  c->add_option("--model", o->model, "Model: folder, hub id ORG/NAME[@REVISION], known short name or hub cache folder (its tokenizer and max_seq_length are used)")->required();
  add_text_input_options(*c, o->input);
  c->add_option("--output", o->output, "Output .jsonl: {\"ids\": [...], \"tokens\": [...]} per text (\"-\": standard output)")->required();
  c->add_flag("--force", o->force, "Replace the output file if it exists");
  c->add_option("--max-seq-len", o->max_seq_len, "Truncate to this many tokens (default: the model's)");
  return [o] {
    refuse_existing_output(o->output, o->force);  // before the work, not after it
    ModelFolder folder = load_model_folder(resolve_model(o->model).path);
    Tokenizer tok = Tokenizer::load(folder.tokenizer_json);
    size_t max_len = o->max_seq_len ? o->max_seq_len : (folder.max_seq_length ? folder.max_seq_length
                                                                                : folder.config.max_sequence_positions());
    std::string out;
    for (const auto& t : read_texts(o->input.path, o->input.options())) {
      Encoding e = tok.encode(t, max_len);
      out += Json{{"ids", e.ids}, {"tokens", e.tokens}}.dump() + "\n";
    }
    write_file_atomic(o->output, out);
    return 0;
  };
}

}  // namespace nsmlab::cli
