// Shared helpers for the reference-comparison tests.
#pragma once
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
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

// Writes j as a tokenizer.json in a per-process temporary folder; returns its path.
inline std::string write_tokenizer_json(const Json& j) {
  static int n = 0;
  auto dir = std::filesystem::temp_directory_path() / ("nsmlab_tok_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / ("t" + std::to_string(n++) + ".json")).string();
  std::ofstream(path) << j.dump();
  return path;
}
inline Tokenizer tokenizer_from_json(const Json& j) { return Tokenizer::load(write_tokenizer_json(j)); }

// Loads j and checks that it is refused with an nsmlab::Error naming the file and every
// needle; gtest failures otherwise.
inline void expect_load_error(const Json& j, const std::vector<std::string>& needles) {
  std::string path = write_tokenizer_json(j);
  try {
    Tokenizer::load(path);
    ADD_FAILURE() << "no error for " << j.dump().substr(0, 300);
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find(path), std::string::npos) << m;
    for (auto& needle : needles) EXPECT_NE(m.find(needle), std::string::npos) << m << "\n  lacks: " << needle;
  }
}

}  // namespace nsmlab::test
