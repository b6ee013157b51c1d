#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/backend_args.h"
#include "cli/commands.h"
#include "cli/text_input_options.h"
#include "engine/neural_encoder.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/npy.h"
#include "util/text_input.h"
#include "util/timer.h"

namespace nsmlab::cli {

Action add_embed(CLI::App& app) {
  struct Opts {
    std::string model, output, prompt;
    TextInputArgs input;
    bool normalize = false, no_default_prompt = false, force = false;
    size_t batch_tokens = 8192, max_seq_len = 0;
    BackendArgs backend;
  };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand("embed", "Embed texts (one per line, or JSONL with a \"text\" field) into a float32 .npy");
  c->add_option("--model", o->model, "Model folder (sentence-transformers layout)")->required();
  add_text_input_options(*c, o->input);
  c->add_option("--output", o->output, "Output .npy (float32, rows in input order; \"-\": standard output)")->required();
  c->add_flag("--force", o->force, "Replace the output file if it exists");
  c->add_flag("--normalize", o->normalize, "L2-normalise every embedding");
  c->add_option("--prompt", o->prompt, "Text prepended to every input (default: the model's default prompt)");
  c->add_flag("--no-default-prompt", o->no_default_prompt, "Do not apply the model's default prompt");
  c->add_option("--batch-tokens", o->batch_tokens, "Token budget per batch (padded)")->capture_default_str();
  c->add_option("--max-seq-len", o->max_seq_len, "Truncate to this many tokens (default: the model's)");
  add_backend_options(*c, o->backend);
  return [o] {
    // auto never trades accuracy silently: fp32 on the CPU unless asked (what ran is printed).
    const BackendOptions backend = backend_options(o->backend, AutoPolicy::Faithful);
    refuse_existing_output(o->output, o->force);  // before the work, not after it
    // A file name must say .npy; standard output, FIFOs and devices have no extension to check.
    std::error_code ec;
    const bool plain_file = o->output != "-" && o->output.rfind("/dev/", 0) != 0 && o->output.rfind("/proc/", 0) != 0 &&
                            (!std::filesystem::exists(o->output, ec) || std::filesystem::is_regular_file(o->output, ec));
    if (plain_file && std::filesystem::path(o->output).extension() != ".npy")
      fail("--output {}: embed writes a .npy file; give a name ending in .npy (or - for standard output)", o->output);
    refuse_structured_text_file(o->input);
    std::vector<std::string> texts = read_texts(o->input.path, o->input.options());
    check_writable_target(o->output);  // before the work, not after it
    Timer load;
    NeuralEncoder enc(o->model, backend);
    double load_s = load.seconds();
    EncodeOptions eo;
    eo.normalize = o->normalize;
    eo.prompt = !o->prompt.empty() ? o->prompt : (o->no_default_prompt ? "" : enc.default_prompt());
    eo.batch_tokens = o->batch_tokens;
    eo.max_seq_len = o->max_seq_len;
    Timer t;
    Matrix m = enc.encode(texts, eo);
    double secs = t.seconds();
    write_npy(o->output, m);
    const BackendDescription ran = enc.backend_description();
    for (const std::string& note : ran.notes) std::fprintf(stderr, "nsmlab: note: %s\n", note.c_str());
    std::fprintf(stderr, "nsmlab: %zu texts -> %s (%zu x %zu float32) on %s; load %.3f s, encode %.3f s (%.1f texts/s)\n",
                 texts.size(), o->output.c_str(), m.rows, m.cols, ran.name().c_str(), load_s, secs,
                 texts.size() / std::max(secs, 1e-9));
    return 0;
  };
}

}  // namespace nsmlab::cli
