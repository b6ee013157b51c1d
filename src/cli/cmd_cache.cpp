// `nsmlab cache stats` and `nsmlab cache prune`: what the embedding cache holds, and removing
// part of it (docs/EMBED.md, "Cache").
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>

#include "cache/cache_maintenance.h"
#include "cli/cache_args.h"
#include "cli/commands.h"
#include "util/error.h"
#include "util/json_file.h"

namespace nsmlab::cli {

namespace {

std::string mib(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (bytes < (1 << 20)) return fmt::format("{:.1f} KiB", b / 1024);
  if (bytes < (int64_t{1} << 30)) return fmt::format("{:.1f} MiB", b / (1 << 20));
  return fmt::format("{:.2f} GiB", b / (1 << 30));
}

std::string day(int64_t t) {
  if (t <= 0) return "-";
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// The settings that tell spaces of one model apart, short.
std::string settings_summary(const std::string& settings) {
  try {
    const Json s = Json::parse(settings);
    std::string out = s.value("backend", "?");
    if (s.value("normalize", false)) out += " normalized";
    if (s.contains("max_seq_len")) out += fmt::format(" max{}", s["max_seq_len"].dump());
    if (const std::string p = s.value("prompt", ""); !p.empty()) out += " prompt=" + Json(p).dump();
    return out;
  } catch (const std::exception&) {
    return "(unreadable settings)";
  }
}

std::unique_ptr<EmbeddingCache> open_existing(const std::string& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return nullptr;
  return std::make_unique<EmbeddingCache>(file);
}

Json stats_json(const CacheStats& s) {
  Json spaces = Json::array();
  for (const CacheSpaceStats& p : s.spaces)
    spaces.push_back({{"model_sha256", p.model_sha256}, {"model", p.label}, {"settings", Json::parse(p.settings, nullptr, false)},
                      {"dim", p.dim}, {"entries", p.entries}, {"bytes", p.bytes}, {"hits", p.hits},
                      {"created", p.created}, {"last_used", p.last_used}});
  return {{"path", s.path}, {"file_bytes", s.file_bytes}, {"models", s.models}, {"entries", s.entries},
          {"bytes", s.bytes}, {"hits", s.hits}, {"spaces", spaces}};
}

}  // namespace

Action add_cache(CLI::App& app) {
  struct Opts {
    std::string file, older_than, max_size, model;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand("cache", "The embedding cache that run and embed reuse vectors from: stats, prune");
  c->require_subcommand(1);
  auto* stats = c->add_subcommand("stats", "Models, entries, bytes and hits of the embedding cache");
  auto* prune = c->add_subcommand("prune", "Remove entries of the embedding cache");
  for (auto* s : {stats, prune})
    s->add_option("--cache", o->file,
                  "Cache file (default: $NSMLAB_EMBEDDING_CACHE, else $XDG_CACHE_HOME/nsmlab/embeddings.sqlite)");
  stats->add_flag("--json", o->json, "Print JSON (path, file_bytes, models, entries, bytes, hits, spaces[])");
  prune->add_option("--older-than", o->older_than, "Entries not used for this long: 90s, 45m, 12h, 30d, 2w (use dates are kept to the day)");
  prune->add_option("--max-size", o->max_size, "Then the least recently used entries until the file fits: 500M, 2G, ...");
  prune->add_option("--model", o->model,
                    "Only this model (a SHA-256 prefix of 6+ hex digits, as stats shows, or its folder); alone: all of it");
  return [o, stats] {
    const std::string file = cache_file_to_inspect(o->file);
    std::unique_ptr<EmbeddingCache> cache = open_existing(file);
    if (stats->parsed()) {
      if (!cache) {
        if (o->json) std::printf("%s\n", Json{{"path", file}, {"exists", false}}.dump(1).c_str());
        else std::printf("no embedding cache at %s (run and embed create it)\n", file.c_str());
        return 0;
      }
      const CacheStats s = cache_stats(*cache);
      if (o->json) {
        std::printf("%s\n", stats_json(s).dump(1).c_str());
        return 0;
      }
      std::printf("embedding cache %s: %s on disk\n", s.path.c_str(), mib(s.file_bytes).c_str());
      std::printf("%lld models, %zu settings, %lld entries (%s of keys and vectors), %lld hits\n",
                  static_cast<long long>(s.models), s.spaces.size(), static_cast<long long>(s.entries), mib(s.bytes).c_str(),
                  static_cast<long long>(s.hits));
      if (!s.spaces.empty())
        std::printf("\n%-12s  %9s  %10s  %9s  %-10s  %5s  %s\n", "model", "entries", "size", "hits", "last used", "dim",
                    "settings, folder");
      for (const CacheSpaceStats& p : s.spaces)
        std::printf("%-12s  %9lld  %10s  %9lld  %-10s  %5lld  %s, %s\n", p.model_sha256.substr(0, 12).c_str(),
                    static_cast<long long>(p.entries), mib(p.bytes).c_str(), static_cast<long long>(p.hits),
                    day(p.last_used).c_str(), static_cast<long long>(p.dim), settings_summary(p.settings).c_str(),
                    p.label.c_str());
      return 0;
    }
    PruneOptions po;
    if (!o->older_than.empty()) po.older_than_s = parse_duration_s(o->older_than, "--older-than");
    if (!o->max_size.empty()) po.max_bytes = parse_byte_size(o->max_size, "--max-size");
    po.model = o->model;
    if (!po.older_than_s && !po.max_bytes && po.model.empty()) fail("cache prune: give --older-than, --max-size or --model");
    if (!cache) fail("{}: no embedding cache there (nothing to prune)", file);
    const PruneResult r = prune_cache(*cache, po);
    std::printf("removed %lld entries%s from %s: %s -> %s on disk\n", static_cast<long long>(r.entries_removed),
                r.spaces_removed ? fmt::format(" and {} model settings", r.spaces_removed).c_str() : "", file.c_str(),
                mib(r.file_bytes_before).c_str(), mib(r.file_bytes_after).c_str());
    return 0;
  };
}

}  // namespace nsmlab::cli
