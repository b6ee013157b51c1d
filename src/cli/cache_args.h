// --cache / --no-cache, shared by `embed` and `run`, and NSMLAB_EMBEDDING_CACHE. Which file
// the embedding cache is, or none: docs/EMBED.md, "Cache".
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace nsmlab::cli {

struct CacheArgs {
  std::string path;
  bool no_cache = false;
  CLI::Option* cache = nullptr;
};

// on_by_default: the cache is used unless --no-cache (run); otherwise only when asked (embed).
void add_cache_options(CLI::App& app, CacheArgs& args, bool on_by_default);

// The cache file to use, "" for none. In order: --no-cache; --cache [PATH] (no PATH: the
// default file); NSMLAB_EMBEDDING_CACHE ("off": none; else the file, used by run and embed);
// on_by_default: the default file ($XDG_CACHE_HOME/nsmlab/embeddings.sqlite).
std::string cache_file(const CacheArgs& args, bool on_by_default);

// The same, for `cache stats|prune`: --cache PATH, else the environment's, else the default.
std::string cache_file_to_inspect(const std::string& given);

}  // namespace nsmlab::cli
