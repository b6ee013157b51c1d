#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "engine/neural_encoder.h"
#include "hub/hub_download.h"
#include "hub/model_resolver.h"
#include "util/timer.h"
#include <fmt/format.h>

namespace nsmlab::cli {

Action add_info(CLI::App& app) {
  auto model = std::make_shared<std::string>();
  auto* c = app.add_subcommand("info", "Describe a model folder: architecture, sizes, tokenizer, pooling, parameters");
  // `info DIR` like `import FILE`; --model stays for scripts and for symmetry with embed.
  auto* positional = c->add_option("model", *model, "Model: folder, hub id ORG/NAME[@REVISION], known short name or hub cache folder");
  c->add_option("--model", *model, "The same as the positional argument")->excludes(positional);
  c->require_option(1);
  return [model] {
    const ResolvedModel resolved = resolve_model(*model, hub_fetcher());
    Timer t;
    NeuralEncoder enc(resolved.path);
    double load_s = t.seconds();
    const auto& f = enc.folder();
    const auto& cfg = f.config;
    std::printf("model:          %s\n", resolved.id.c_str());
    std::printf("revision:       %s\n", resolved.revision.empty() ? "(a plain folder: none)" : resolved.revision.c_str());
    std::printf("path:           %s\n", resolved.path.c_str());
    std::printf("architecture:   %s (model_type %s)\n", enc.architecture().c_str(), cfg.model_type.c_str());
    std::printf("layers:         %d, hidden %d, heads %d, intermediate %d, activation %s\n", int(cfg.num_hidden_layers),
                int(cfg.hidden_size), int(cfg.num_attention_heads), int(cfg.intermediate_size), cfg.hidden_act_name.c_str());
    std::printf("vocabulary:     %d, positions %d\n", int(cfg.vocab_size), int(cfg.max_position_embeddings));
    std::printf("parameters:     %.2fM\n", enc.parameter_count() / 1e6);
    std::printf("tokenizer:      %s\n", enc.tokenizer().describe().c_str());
    std::printf("max_seq_length: %zu%s\n", enc.max_seq_length(), f.do_lower_case ? " (lowercases input)" : "");
    std::printf("pooling:        %s\n", f.pooling.describe().c_str());
    std::printf("dense:          %s\n", f.dense ? fmt::format("{} -> {}, {}{}", f.dense->in_features, f.dense->out_features, f.dense->activation_name, f.dense->bias ? ", bias" : "").c_str() : "none");
    std::printf("normalize:      %s\n", f.normalize ? "yes (Normalize module)" : "no");
    std::printf("dimension:      %zu\n", enc.dimension());
    std::printf("default prompt: %s\n", enc.default_prompt().empty() ? "none" : ("\"" + enc.default_prompt() + "\"").c_str());
    std::printf("loaded in:      %.1f ms\n", load_s * 1e3);
    return 0;
  };
}

}  // namespace nsmlab::cli
