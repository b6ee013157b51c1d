#include "stream/ranks_embed.h"

#include <cstdio>
#include <map>
#include <memory>

#include "engine/gpu_plugin.h"
#include "stream/rank_device.h"
#include "util/error.h"
#include "util/timer.h"

namespace nsmlab {

namespace {

// A worker's sink: commits as the folder does, then tells rank 0 (which also hears it is alive).
class ReportingSink : public EmbeddingSink {
 public:
  ReportingSink(EmbeddingSink& sink, ChunkClient& client) : sink_(sink), client_(client) {}
  bool chunk_done(size_t chunk) const override { return sink_.chunk_done(chunk); }
  void commit_chunk(size_t chunk, size_t rows, const std::string& bytes) override {
    sink_.commit_chunk(chunk, rows, bytes);
    client_.committed(chunk);
  }
  void finish(size_t chunks, size_t total_rows) override { sink_.finish(chunks, total_rows); }
  void abandon() override { sink_.abandon(); }
  bool sequential() const override { return false; }

 private:
  EmbeddingSink& sink_;
  ChunkClient& client_;
};

std::string list_chunks(const std::vector<size_t>& chunks) {
  std::string s;
  for (size_t i = 0; i < chunks.size() && i < 30; ++i) s += (i ? ", " : "") + std::to_string(chunks[i]);
  if (chunks.size() > 30) s += ", ...";
  return s;
}

// What lost ranks left: the chunks with no shard, by the rank that had them.
struct LostReport {
  std::string text;
  size_t missing = 0;
};

LostReport lost_report(const ChunkCoordinator& coordinator, const ShardFolderSink& sink, size_t chunks,
                       const std::string& output) {
  std::string s;
  for (const LostRank& l : coordinator.lost()) s += fmt::format("rank {} was lost: {}; ", l.rank, l.why);
  std::map<int, std::vector<size_t>> missing;
  size_t count = 0;
  for (size_t k = 0; k < chunks; ++k)
    if (!sink.shard_exists(k)) {
      missing[coordinator.owner(k)].push_back(k);
      ++count;
    }
  if (count == 0)
    return {s + fmt::format("the others committed every chunk and {} is complete (manifest.json written)", output), 0};
  s += fmt::format("the others finished; {} of {} chunks are missing in {} (", count, chunks, output);
  bool first = true;
  for (const auto& [rank, ks] : missing) {
    s += fmt::format("{}rank {}: chunk{} {}", first ? "" : "; ", rank, ks.size() > 1 ? "s" : "", list_chunks(ks));
    first = false;
  }
  return {s + "). Run the same command with --resume to encode only them", count};
}

}  // namespace

BackendOptions backend_for_rank(const BackendOptions& backend, const Ranks& ranks) {
  if (ranks.size() <= 1 || backend.device.index >= 0) return backend;
  if (!backend.device.automatic && backend.device.kind != DeviceKind::Cuda) return backend;
  const GpuPlugin* plugin = gpu_plugin();  // null without the CUDA plugin: the CPU
  const int devices = plugin ? static_cast<int>(plugin->devices().size()) : 0;
  return backend_for_local_rank(backend, ranks.local_rank(), devices);
}

int embed_across_ranks(const Ranks& ranks, NeuralEncoder& encoder, StreamEmbedOptions so, const Json& settings,
                       const SinkLayout& layout, const RanksEmbedOptions& o) {
  try {
    std::unique_ptr<ShardFolderSink> sink;
    if (ranks.rank() == 0) sink = std::make_unique<ShardFolderSink>(o.output, settings, layout, o.resume, o.force);
    ranks.all_ok(true);  // the folder is ready
    if (ranks.rank() != 0) sink = std::make_unique<ShardFolderSink>(o.output, settings, layout, true, false, false);
    so.encode.progress = so.encode.progress && ranks.rank() == 0;
    Timer t;
    if (ranks.rank() != 0) {
      ChunkClient client(ranks, o.schedule, o.rank_timeout_s);
      ReportingSink reporting(*sink, client);
      so.mine = [&client](size_t k) { return client.mine(k); };
      so.count_all = false;  // rank 0 reports the long texts of the whole input
      stream_embed(encoder, reporting, so);
      client.finished();
      return 0;
    }
    LostReport lost;
    StreamEmbedResult r;
    {
      ChunkCoordinator coordinator(ranks, o.schedule, sink->done_chunks(), o.rank_timeout_s);
      so.mine = [&coordinator](size_t k) { return coordinator.mine(k); };
      so.count_all = true;  // tokenises the chunks others encode, only to count their long texts
      r = stream_embed(encoder, *sink, so);
      coordinator.wait_for_ranks();
      if (!coordinator.lost().empty()) lost = lost_report(coordinator, *sink, r.chunks, o.output);
    }
    // Open MPI 4.1 cannot end a job cleanly with a lost rank (MPI_Finalize would wait for it):
    // MPI_Abort, after writing the manifest when nothing is missing.
    if (lost.missing > 0) ranks.abort_all(lost.text.c_str());
    sink->add_manifest_field("long_text", long_text_json(r.long_text, o.long_text));
    sink->finish(r.chunks, r.rows);
    if (!lost.text.empty()) ranks.abort_all(lost.text.c_str());
    std::fprintf(stderr, "nsmlab: %zu texts -> %s (%zu x %zu %s) by %d ranks (%s schedule); rank 0 encoded %zu texts in %.3f s\n",
                 r.rows, o.output.c_str(), r.rows, layout.columns, o.dtype_name.c_str(), ranks.size(),
                 o.schedule == ChunkSchedule::dynamic ? "dynamic" : "static", r.encoded_rows, t.seconds());
    if (const std::string said = long_text_summary(r.long_text, o.long_text); !said.empty())
      std::fprintf(stderr, "nsmlab: %s\n", said.c_str());
  } catch (const std::exception& e) {
    ranks.abort_all(e.what());
  }
  return 0;
}

}  // namespace nsmlab
