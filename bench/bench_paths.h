// Where the benchmarks find their inputs: the committed fixtures, and /work/shared
// (NSMLAB_SHARED_DIR in the environment overrides the default next to the checkout).
#pragma once
#include <cstdlib>
#include <filesystem>
#include <string>

namespace nsmlab::bench {

inline std::string fixture(const std::string& rel) { return std::string(NSMLAB_FIXTURES_DIR) + "/" + rel; }

inline std::string shared_dir() {
  if (const char* env = std::getenv("NSMLAB_SHARED_DIR"); env && *env) return env;
  return (std::filesystem::path(NSMLAB_FIXTURES_DIR) / "../../../shared").lexically_normal().string();
}

}  // namespace nsmlab::bench
