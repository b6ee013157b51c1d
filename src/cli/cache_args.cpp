#include "cli/cache_args.h"

#include <cstdlib>

#include "cache/embedding_cache.h"
#include "util/error.h"

namespace nsmlab::cli {

namespace {

constexpr const char* kEnv = "NSMLAB_EMBEDDING_CACHE";

std::string env_value() {
  const char* v = std::getenv(kEnv);
  return v ? v : "";
}

bool env_off(const std::string& v) { return v == "off" || v == "0" || v == "no" || v == "false"; }

std::string default_file() {
  const std::string f = default_embedding_cache_path();
  if (f.empty()) fail("embedding cache: no $XDG_CACHE_HOME, $HOME or $NSMLAB_CACHE to put it under; give --cache PATH or --no-cache");
  return f;
}

}  // namespace

void add_cache_options(CLI::App& app, CacheArgs& a, bool on_by_default) {
  a.cache = app.add_option("--cache", a.path,
                           on_by_default
                               ? "Embedding cache file (default: $NSMLAB_EMBEDDING_CACHE, else "
                                 "$XDG_CACHE_HOME/nsmlab/embeddings.sqlite): vectors computed before are reused"
                               : "Use the embedding cache (no PATH: $NSMLAB_EMBEDDING_CACHE, else "
                                 "$XDG_CACHE_HOME/nsmlab/embeddings.sqlite): vectors computed before are reused")
                ->expected(0, 1)
                ->type_name("[PATH]");
  app.add_flag("--no-cache", a.no_cache, "Neither read nor fill the embedding cache")->excludes(a.cache);
}

std::string cache_file(const CacheArgs& a, bool on_by_default) {
  if (a.no_cache) return "";
  const std::string env = env_value();
  if (a.cache->count() > 0) {
    if (!a.path.empty()) return a.path;
    return !env.empty() && !env_off(env) ? env : default_file();
  }
  if (!env.empty()) return env_off(env) ? "" : env;
  return on_by_default ? default_embedding_cache_path() : "";  // nowhere to put it: no cache
}

std::string cache_file_to_inspect(const std::string& given) {
  if (!given.empty()) return given;
  const std::string env = env_value();
  return !env.empty() && !env_off(env) ? env : default_file();
}

}  // namespace nsmlab::cli
