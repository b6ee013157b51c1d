// Shared helpers for the reference-comparison tests.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tokenizer/tokenizer.h"
#include "util/json_file.h"

namespace nsmlab::test {

inline std::string fixtures(const std::string& sub) { return std::string(NSMLAB_FIXTURES_DIR) + "/tokenizer/" + sub; }
inline std::string shared_dir() { return std::string(NSMLAB_SHARED_DIR); }

// A reference file names its tokenizer.json relative to the repo root or to ../shared.
inline std::string resolve_tokenizer_path(const std::string& rel) {
  namespace fs = std::filesystem;
  fs::path repo = fs::path(NSMLAB_FIXTURES_DIR).parent_path().parent_path();
  for (fs::path cand : {fs::path(rel), repo / rel, fs::path(shared_dir()) / rel, repo.parent_path() / rel,
                        fs::path(shared_dir()).parent_path() / rel})
    if (fs::exists(cand)) return cand.string();
  return rel;
}

inline std::vector<std::string> json_files_in(const std::string& dir) {
  std::vector<std::string> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (auto& e : std::filesystem::directory_iterator(dir)) {
    auto p = e.path();
    if (p.extension() == ".json" && p.stem().extension() != ".tokenizer") out.push_back(p.string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace nsmlab::test
