#include <omp.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/backend_args.h"
#include "cli/cache_args.h"
#include "cli/commands.h"
#include "cli/embed_long_text.h"
#include "cli/embed_output_kinds.h"
#include "cli/text_input_options.h"
#include "engine/neural_encoder.h"
#include "hub/hub_download.h"
#include "hub/model_resolver.h"
#include "stream/npy_file_sink.h"
#include "stream/ranks.h"
#include "stream/ranks_embed.h"
#include "stream/shard_folder_sink.h"
#include "stream/spooled_sink.h"
#include "stream/stream_embed.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/text_input.h"
#include "util/timer.h"

namespace nsmlab::cli {

namespace {

bool is_folder_output(const std::string& path) {
  std::error_code ec;
  return path.ends_with('/') || std::filesystem::is_directory(path, ec);
}

// A link to a file is followed, so the link stays a link (as write_file_atomic does).
std::string resolved_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_symlink(path, ec) && std::filesystem::exists(path, ec))
    return std::filesystem::canonical(path).string();
  return path;
}

// bge-m3's sparse and ColBERT outputs (docs/WEIGHTS.md): one text at a time, written whole at
// the end; none of the dense path's streaming options apply to them.
int embed_m3_kind(const std::string& kind, const std::string& model_path, const BackendOptions& backend,
                  const TextInputArgs& input, const std::string& output, bool force, const std::string& prompt,
                  bool no_default_prompt) {
  refuse_existing_output(output, force);  // before the work, not after it
  if (kind == "colbert") refuse_existing_output(colbert_offsets_path(output), force);
  const std::vector<std::string> texts = read_texts(input.path, input.options());
  check_writable_target(output);
  Timer load;
  NeuralEncoder enc(model_path, backend);
  const double load_s = load.seconds();
  Timer t;
  const std::string summary =
      write_m3_output(enc, kind, texts, !prompt.empty() ? prompt : (no_default_prompt ? "" : enc.default_prompt()), output);
  std::fprintf(stderr, "nsmlab: %s; load %.3f s, encode %.3f s\n", summary.c_str(), load_s, t.seconds());
  return 0;
}

}  // namespace

Action add_embed(CLI::App& app) {
  struct Opts {
    std::string model, output, prompt, output_dtype = "float32", output_kind = "dense";
    TextInputArgs input;
    bool normalize = false, no_default_prompt = false, force = false, resume = false;
    size_t batch_tokens = 8192, max_seq_len = 0, chunk_texts = 4096;
    BackendArgs backend;
    CacheArgs cache;
    std::string schedule = "dynamic";
    double rank_timeout_s = 1800;
    LongTextArgs long_text;
  };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand("embed", "Embed texts (one per line, or JSONL with a \"text\" field) into a .npy or a folder of shards, streaming");
  c->add_option("--model", o->model, "Model: folder, hub id ORG/NAME[@REVISION], known short name or hub cache folder")->required();
  add_text_input_options(*c, o->input);
  c->add_option("--output", o->output,
                "Output .npy (rows in input order; \"-\": standard output), or a folder (DIR/): one .npy shard per chunk "
                "and manifest.json")->required();
  c->add_option("--output-dtype", o->output_dtype,
                "float32, float16, int8 (round(127 x), clamped), binary or ubinary (bits x > 0, packed as "
                "sentence-transformers' quantize_embeddings)")->capture_default_str();
  c->add_option("--output-kind", o->output_kind,
                "dense (.npy), or bge-m3's sparse (JSON lines {token_id: weight}) or colbert (.npy of every token "
                "vector + <output>.offsets.npy): docs/WEIGHTS.md")
      ->check(CLI::IsMember({"dense", "sparse", "colbert"}))
      ->capture_default_str();
  c->add_option("--chunk-texts", o->chunk_texts, "Texts read, encoded and committed together (memory and resume granularity)")
      ->capture_default_str();
  c->add_flag("--resume", o->resume, "Continue an interrupted run of the same command from its last committed chunk");
  c->add_flag("--force", o->force, "Replace the output if it exists (or an interrupted run's files)");
  c->add_flag("--normalize", o->normalize, "L2-normalise every embedding");
  c->add_option("--prompt", o->prompt, "Text prepended to every input (default: the model's default prompt)");
  c->add_flag("--no-default-prompt", o->no_default_prompt, "Do not apply the model's default prompt");
  c->add_option("--batch-tokens", o->batch_tokens, "Token budget per batch (padded)")->capture_default_str();
  c->add_option("--max-seq-len", o->max_seq_len, "Truncate to this many tokens (default: the model's)");
  add_long_text_options(*c, o->long_text);
  add_backend_options(*c, o->backend);
  add_cache_options(*c, o->cache, false);  // off unless asked: docs/EMBED.md, "Cache", says why
  c->add_option("--schedule", o->schedule,
                "Under MPI: dynamic (rank 0 hands out chunks to whichever rank asks: fast ranks take more) or static "
                "(chunk k to rank k mod N); same bytes either way")
      ->check(CLI::IsMember({"dynamic", "static"}))
      ->capture_default_str();
  c->add_option("--rank-timeout", o->rank_timeout_s,
                "Under MPI: seconds without a word from a rank on another node before rank 0 counts it lost (more "
                "than one chunk takes to encode)")
      ->capture_default_str();
  return [o] {
    // auto never trades accuracy silently: fp32 on the CPU unless asked (what ran is printed).
    const BackendOptions backend = backend_options(o->backend, AutoPolicy::Faithful);
    refuse_structured_text_file(o->input);
    if (o->output_kind != "dense") {
      if (o->cache.cache->count() > 0) fail("--cache: the embedding cache holds dense vectors; not with --output-kind {}", o->output_kind);
      if (o->resume || o->output_dtype != "float32" || is_folder_output(o->output) || o->long_text.mode != "truncate")
        fail("--output-kind {}: writes one file, whole (no --resume, --output-dtype, --long-text chunk or folder output)",
             o->output_kind);
      const ResolvedModel model = resolve_model(o->model, hub_fetcher());
      return embed_m3_kind(o->output_kind, model.path, backend, o->input, o->output, o->force, o->prompt,
                           o->no_default_prompt);
    }
    StreamEmbedOptions so;
    so.input = o->input.path;
    so.input_options = o->input.options();
    so.chunk_texts = o->chunk_texts;
    so.dtype = parse_output_dtype(o->output_dtype);
    if (so.chunk_texts == 0) fail("--chunk-texts: expected at least 1");
    Ranks ranks;  // an MPI job's ranks when started by mpirun or srun; else this process alone
    const bool folder = is_folder_output(o->output);
    if (ranks.size() > 1 && !folder)
      fail("--output {}: {} MPI ranks write a folder of shards: end the name with '/'", o->output, ranks.size());
    const bool spooled = !folder && SpooledSink::wanted_for(o->output);
    if (spooled && o->resume) fail("--resume: {} is not a regular file (it cannot be continued); write to a file", o->output);
    const std::string output = folder || spooled ? o->output : resolved_file(o->output);
    const bool interrupted = !folder && std::filesystem::exists(output + ".nsmlab-journal");
    // A file name must say .npy; standard output, FIFOs and devices have no extension to check.
    if (!folder && !spooled && std::filesystem::path(output).extension() != ".npy")
      fail("--output {}: embed writes a .npy file; give a name ending in .npy, a folder DIR/, or - for standard output",
           o->output);
    if (!folder && !(o->resume && interrupted)) refuse_existing_output(output, o->force);  // before the work
    if (!folder) check_writable_target(output);
    const ResolvedModel model = resolve_model(o->model, hub_fetcher());
    Timer load;
    NeuralEncoder enc(model.path, backend_for_rank(backend, ranks));  // one GPU per rank by local rank
    double load_s = load.seconds();
    so.encode.normalize = o->normalize;
    so.encode.prompt = !o->prompt.empty() ? o->prompt : (o->no_default_prompt ? "" : enc.default_prompt());
    so.encode.batch_tokens = o->batch_tokens;
    so.encode.max_seq_len = o->max_seq_len;
    apply_long_text_args(o->long_text, so.encode);
    if (so.encode.long_text == LongTextMode::chunk) enc.window_text_tokens(so.encode);  // a bad overlap: now, not in chunk 0
    const LongTextSettings long_text{so.encode.long_text, so.encode.chunk_overlap, enc.max_seq_length(so.encode)};
    const BackendDescription ran = enc.backend_description();
    const int threads = backend.threads > 0 ? backend.threads : omp_get_max_threads();
    const Json settings = embed_settings(enc, so, ran.name(), threads);
    // The cache changes no byte of the output (vectors do not depend on their batch), so it
    // is not part of the settings a resume must match.
    std::unique_ptr<EmbeddingCache> cache;
    CacheSpace space;
    double cache_open_s = 0;
    if (const std::string file = cache_file(o->cache, false); !file.empty()) {
      Timer t;
      cache = std::make_unique<EmbeddingCache>(file);
      space = open_cache_space(*cache, enc, so.encode);  // hashes the model's files unless memoised
      so.cache = &space;
      cache_open_s = t.seconds();
    }
    SinkLayout layout;
    layout.descr = npy_descr(so.dtype);
    layout.columns = output_columns(so.dtype, enc.dimension());
    layout.row_bytes = layout.columns * output_value_bytes(so.dtype);
    if (ranks.size() > 1)
      return embed_across_ranks(ranks, enc, so, settings, layout,
                                {output, o->resume, o->force, parse_chunk_schedule(o->schedule), o->rank_timeout_s,
                                 o->output_dtype, long_text});
    std::unique_ptr<EmbeddingSink> sink;
    if (folder) sink = std::make_unique<ShardFolderSink>(output, settings, layout, o->resume, o->force);
    else if (spooled) sink = std::make_unique<SpooledSink>(output, layout);
    else sink = std::make_unique<NpyFileSink>(output, settings, layout, o->resume, o->force);
    Timer t;
    StreamEmbedResult r;
    try {
      r = stream_embed(enc, *sink, so);
      if (folder) static_cast<ShardFolderSink&>(*sink).add_manifest_field("long_text", long_text_json(r.long_text, long_text));
      sink->finish(r.chunks, r.rows);
    } catch (...) {
      sink->abandon();
      throw;
    }
    double secs = t.seconds();
    if (!folder && !spooled) write_long_text_side_file(output, long_text_json(r.long_text, long_text), r.long_text.over > 0);
    // Said even without a progress bar: how many texts the model did not read whole.
    const std::string said = long_text_summary(r.long_text, long_text);
    if (!said.empty()) std::fprintf(stderr, "nsmlab: %s\n", said.c_str());
    for (const std::string& note : enc.backend_description().notes) std::fprintf(stderr, "nsmlab: note: %s\n", note.c_str());
    if (r.saturated > 0)
      std::fprintf(stderr, "nsmlab: note: %zu values beyond [-1, 1] were clamped to +-127 in int8 (--normalize avoids it)\n",
                   r.saturated);
    if (cache)
      std::fprintf(stderr, "nsmlab: embedding cache %s: %zu of %zu texts found, %zu encoded; open and model "
                   "identity %.3f s, lookups %.3f s (reader thread), inserts %.3f s\n",
                   cache->path().c_str(), r.cache_hits, r.encoded_rows, r.encoded_rows - r.cache_hits, cache_open_s,
                   r.cache_lookup_s, r.cache_insert_s);
    if (r.encoded_rows < r.rows)
      std::fprintf(stderr, "nsmlab: resumed: %zu of %zu texts were committed by an earlier run\n", r.rows - r.encoded_rows,
                   r.rows);
    std::fprintf(stderr, "nsmlab: %zu texts -> %s (%zu x %zu %s) on %s; load %.3f s, encode %.3f s (%.1f texts/s)\n",
                 r.rows, output.c_str(), r.rows, layout.columns, o->output_dtype.c_str(), ran.name().c_str(), load_s, secs,
                 r.encoded_rows / std::max(secs, 1e-9));
    return 0;
  };
}

}  // namespace nsmlab::cli
